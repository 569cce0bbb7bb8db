package io.github.ecrtoolkit.core.image;

import java.util.List;

/** Media types of manifests, configs and layers, OCI and Docker v2.2. */
public final class MediaTypes {

    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
    public static final String OCI_LAYER_TAR = "application/vnd.oci.image.layer.v1.tar";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    public static final String DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";

    /** What a manifest GET accepts, in order of preference. */
    public static final List<String> MANIFEST_ACCEPT = List.of(OCI_INDEX, DOCKER_MANIFEST_LIST, OCI_MANIFEST, DOCKER_MANIFEST);

    private MediaTypes() {
    }

    /** Whether {@code mediaType} is an index or manifest list. */
    public static boolean isIndex(String mediaType) {
        return OCI_INDEX.equals(mediaType) || DOCKER_MANIFEST_LIST.equals(mediaType);
    }

    /** Whether {@code mediaType} is a Docker v2.2 type (manifest, list, config or layer). */
    public static boolean isDocker(String mediaType) {
        return mediaType != null && mediaType.startsWith("application/vnd.docker.");
    }

    /** The layer media type of the same family as the manifest type {@code manifestMediaType}. */
    public static String layerTypeFor(String manifestMediaType) {
        return isDocker(manifestMediaType) ? DOCKER_LAYER_GZIP : OCI_LAYER_GZIP;
    }

    /**
     * The OCI type of the same kind as a Docker v2.2 type (manifest, list, config, layer); OCI and
     * other types unchanged. The bytes a Docker config or layer holds are valid under the OCI type.
     */
    public static String toOci(String mediaType) {
        return switch (mediaType) {
            case DOCKER_MANIFEST -> OCI_MANIFEST;
            case DOCKER_MANIFEST_LIST -> OCI_INDEX;
            case DOCKER_CONFIG -> OCI_CONFIG;
            case DOCKER_LAYER_GZIP -> OCI_LAYER_GZIP;
            case "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip" -> "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip";
            default -> mediaType;
        };
    }

    /** The config media type of the same family as {@code manifestMediaType}. */
    public static String configTypeFor(String manifestMediaType) {
        return isDocker(manifestMediaType) ? DOCKER_CONFIG : OCI_CONFIG;
    }
}
