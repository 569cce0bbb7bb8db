package io.github.ecrtoolkit.eks;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import io.github.ecrtoolkit.core.deploy.DeployTarget;

/**
 * A Kubernetes workload to roll an image out to: a Deployment, StatefulSet or DaemonSet in a
 * namespace. Immutable.
 *
 * <pre>{@code
 * EksWorkload web = EksWorkload.deployment("shop", "web");
 * EksWorkload fresh = EksWorkload.deployment("shop", "web").withManifest(Files.readString(yaml));
 * }</pre>
 */
public final class EksWorkload implements DeployTarget {

    /** The kinds of workload the deployer rolls out. */
    public enum Kind {
        DEPLOYMENT("Deployment"), STATEFUL_SET("StatefulSet"), DAEMON_SET("DaemonSet");

        private final String kubernetesKind;

        Kind(String kubernetesKind) {
            this.kubernetesKind = kubernetesKind;
        }

        /** The Kubernetes {@code kind}, e.g. {@code Deployment}. */
        public String kubernetesKind() {
            return kubernetesKind;
        }
    }

    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

    private final Kind kind;
    private final String namespace;
    private final String name;
    private final String manifest;

    private EksWorkload(Kind kind, String namespace, String name, String manifest) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.namespace = check(NAMESPACE, "namespace", namespace);
        this.name = check(NAME, "name", name);
        this.manifest = manifest;
    }

    /** A Deployment; the only kind {@link EksDeployer#rollback} can roll back by revision. */
    public static EksWorkload deployment(String namespace, String name) {
        return new EksWorkload(Kind.DEPLOYMENT, namespace, name, null);
    }

    /** A StatefulSet with the {@code RollingUpdate} strategy. */
    public static EksWorkload statefulSet(String namespace, String name) {
        return new EksWorkload(Kind.STATEFUL_SET, namespace, name, null);
    }

    /** A DaemonSet with the {@code RollingUpdate} strategy. */
    public static EksWorkload daemonSet(String namespace, String name) {
        return new EksWorkload(Kind.DAEMON_SET, namespace, name, null);
    }

    /**
     * A copy that creates the workload from {@code manifest} (YAML or JSON, one object of this kind,
     * namespace and name) when it does not exist yet; an existing workload is left as it is apart
     * from the image.
     */
    public EksWorkload withManifest(String manifest) {
        if (manifest == null || manifest.isBlank()) {
            throw new IllegalArgumentException("manifest must not be empty");
        }
        return new EksWorkload(kind, namespace, name, manifest);
    }

    public Kind kind() {
        return kind;
    }

    public String namespace() {
        return namespace;
    }

    public String name() {
        return name;
    }

    /** The manifest to create the workload from when it is missing. */
    public Optional<String> manifest() {
        return Optional.ofNullable(manifest);
    }

    /** {@code eks:<namespace>/<kind>/<name>}, e.g. {@code eks:shop/deployment/web}. */
    @Override
    public String displayName() {
        return "eks:" + namespace + "/" + kind.kubernetesKind().toLowerCase(java.util.Locale.ROOT) + "/" + name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EksWorkload other && kind == other.kind && namespace.equals(other.namespace)
                && name.equals(other.name) && Objects.equals(manifest, other.manifest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, namespace, name, manifest);
    }

    @Override
    public String toString() {
        return displayName() + (manifest == null ? "" : " (with manifest)");
    }

    /** @throws IllegalArgumentException when {@code namespace} is not a valid Kubernetes namespace */
    static String checkNamespace(String namespace) {
        return check(NAMESPACE, "namespace", namespace);
    }

    private static String check(Pattern pattern, String what, String value) {
        Objects.requireNonNull(value, what);
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid Kubernetes " + what + " '" + value
                    + "': use lower-case letters, digits and '-' (names may also contain '.')");
        }
        return value;
    }
}
