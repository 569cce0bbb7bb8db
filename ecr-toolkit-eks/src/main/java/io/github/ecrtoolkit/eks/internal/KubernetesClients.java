package io.github.ecrtoolkit.eks.internal;

import java.nio.file.Files;
import java.nio.file.Path;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.github.ecrtoolkit.eks.EksWorkload;

/** fabric8 calls the deployer makes beyond plain get/list. */
public final class KubernetesClients {

    private KubernetesClients() {
    }

    /** A client as the kubeconfig says (its exec plugins, tokens, certificates). */
    public static KubernetesClient fromKubeconfig(Path kubeconfig, String context) {
        if (!Files.isRegularFile(kubeconfig)) {
            throw new IllegalArgumentException("kubeconfig not found: " + kubeconfig);
        }
        Config config = Config.fromKubeconfig(context, kubeconfig.toFile());
        return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new JdkHttpClientFactory()).build();
    }

    public static HasMetadata jsonPatch(Resource<? extends HasMetadata> resource, String json) {
        return resource.patch(PatchContext.of(PatchType.JSON), json);
    }

    /**
     * Creates the workload from its manifest with server-side apply, or a plain create where the
     * server does not support apply.
     *
     * @throws IllegalArgumentException when the manifest is not this workload's kind, namespace and name
     */
    public static HasMetadata createFromManifest(KubernetesClient client, EksWorkload workload, String fieldManager) {
        HasMetadata object = client.resource(workload.manifest().orElseThrow()).item();
        if (!workload.kind().kubernetesKind().equals(object.getKind())
                || !workload.name().equals(object.getMetadata().getName())
                || (object.getMetadata().getNamespace() != null
                        && !workload.namespace().equals(object.getMetadata().getNamespace()))) {
            throw new IllegalArgumentException("it describes " + object.getKind() + " "
                    + object.getMetadata().getNamespace() + "/" + object.getMetadata().getName());
        }
        object.getMetadata().setNamespace(workload.namespace());
        try {
            client.resource(object).fieldManager(fieldManager).forceConflicts().serverSideApply();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 415 && e.getCode() != 405 && e.getCode() != 404 && e.getCode() != 400) {
                throw e;
            }
            // no server-side apply here (old server, or a test double): a create does the job
            client.resource(object).create();
        }
        return Workloads.resource(client, workload).get();
    }
}
