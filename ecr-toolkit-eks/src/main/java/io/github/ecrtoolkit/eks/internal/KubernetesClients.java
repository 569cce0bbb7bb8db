package io.github.ecrtoolkit.eks.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
        apply(client, object, fieldManager);
        return Workloads.resource(client, workload).get();
    }

    /**
     * Server-side apply of {@code object} under {@code fieldManager}, taking over fields others set
     * ({@code --force-conflicts}, as {@code kubectl apply --server-side} advises for a deploy tool);
     * where the server has no apply (an old server, or fabric8's mock server), a create, or a JSON
     * patch that replaces the spec, labels and annotations of an object that exists.
     */
    public static <T extends HasMetadata> T apply(KubernetesClient client, T object, String fieldManager) {
        try {
            return client.resource(object).fieldManager(fieldManager).forceConflicts().serverSideApply();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 415 && e.getCode() != 405 && e.getCode() != 404 && e.getCode() != 400) {
                throw e;
            }
            if (client.resource(object).get() == null) {
                return client.resource(object).create();
            }
            List<Map<String, Object>> operations = new ArrayList<>();
            Map<String, Object> fields = client.getKubernetesSerialization().convertValue(object, Map.class);
            if (fields.get("spec") != null) {
                operations.add(Map.of("op", "add", "path", "/spec", "value", fields.get("spec")));
            }
            for (String part : List.of("labels", "annotations")) {
                Object value = ((Map<?, ?>) fields.get("metadata")).get(part);
                if (value != null) {
                    operations.add(Map.of("op", "add", "path", "/metadata/" + part, "value", value));
                }
            }
            return client.resource(object).patch(PatchContext.of(PatchType.JSON),
                    client.getKubernetesSerialization().asJson(operations));
        }
    }
}
