package io.github.ecrtoolkit.eks.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.github.ecrtoolkit.eks.EksAppSpec;

/** The Deployment and Service an {@link EksAppSpec} stands for, labelled as ours. */
public final class AppManifests {

    /** The label that marks what we made; {@code down} deletes nothing without it. */
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGER = "ecr-toolkit";
    public static final String NAME = "app.kubernetes.io/name";

    private AppManifests() {
    }

    public static Map<String, String> labels(String app) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NAME, app);
        labels.put(MANAGED_BY, MANAGER);
        return labels;
    }

    public static Deployment deployment(EksAppSpec app, String image) {
        ContainerBuilder container = new ContainerBuilder().withName(app.name()).withImage(image);
        for (int port : app.ports()) {
            container.addNewPort().withContainerPort(port).withProtocol("TCP").endPort();
        }
        container.withEnv(env(app.env()));
        container.withResources(resources(app.cpu(), app.memory(), app.cpuLimit()));
        app.probePath().ifPresent(path -> container.withReadinessProbe(probe(path, app.ports().get(0), 5))
                .withLivenessProbe(probe(path, app.ports().get(0), 20)));
        Container built = container.build();
        return new DeploymentBuilder()
                .withNewMetadata().withName(app.name()).withNamespace(app.namespace()).withLabels(labels(app.name()))
                .endMetadata()
                .withNewSpec().withReplicas(app.replicas())
                .withNewSelector().addToMatchLabels(NAME, app.name()).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels(app.name())).endMetadata()
                .withNewSpec().withContainers(built).endSpec().endTemplate()
                .endSpec().build();
    }

    /** The Service in front of the app's ports; a LoadBalancer (internet-facing NLB) when public. */
    public static Service service(EksAppSpec app) {
        List<ServicePort> ports = new ArrayList<>();
        for (int port : app.ports()) {
            ports.add(new ServicePortBuilder().withName("tcp-" + port).withPort(port).withTargetPort(new IntOrString(port))
                    .withProtocol("TCP").build());
        }
        ServiceBuilder service = new ServiceBuilder().withNewMetadata().withName(app.name()).withNamespace(app.namespace())
                .withLabels(labels(app.name())).endMetadata()
                .withNewSpec().withType(app.publicService() ? "LoadBalancer" : "ClusterIP")
                .addToSelector(NAME, app.name()).withPorts(ports).endSpec();
        if (app.publicService()) {
            service.editMetadata().addToAnnotations("service.beta.kubernetes.io/aws-load-balancer-scheme", "internet-facing")
                    .endMetadata();
        }
        return service.build();
    }

    /** Environment variables in order. */
    public static List<EnvVar> env(Map<String, String> values) {
        List<EnvVar> env = new ArrayList<>();
        values.forEach((name, value) -> env.add(new EnvVar(name, value, null)));
        return env;
    }

    /**
     * Requests and limits: memory's limit is its request (a pod over it is OOMKilled rather than the
     * node starved); CPU is only limited when asked, so it may burst.
     */
    public static ResourceRequirements resources(Optional<String> cpu, Optional<String> memory, Optional<String> cpuLimit) {
        Map<String, Quantity> requests = new LinkedHashMap<>();
        Map<String, Quantity> limits = new LinkedHashMap<>();
        cpu.ifPresent(value -> requests.put("cpu", new Quantity(value)));
        memory.ifPresent(value -> {
            requests.put("memory", new Quantity(value));
            limits.put("memory", new Quantity(value));
        });
        cpuLimit.ifPresent(value -> limits.put("cpu", new Quantity(value)));
        return new ResourceRequirementsBuilder().withRequests(requests).withLimits(limits).build();
    }

    private static Probe probe(String path, int port, int initialDelaySeconds) {
        return new ProbeBuilder().withNewHttpGet().withPath(path).withPort(new IntOrString(port)).endHttpGet()
                .withInitialDelaySeconds(initialDelaySeconds).withPeriodSeconds(10).build();
    }
}
