package io.github.ecrtoolkit.core.image;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A validated image reference {@code [host[:port]/]path[:tag][@digest]}, parsed by the
 * distribution grammar.
 *
 * <pre>{@code
 * ImageReference ref = ImageReference.parse("123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders:1.4.2");
 * ref.registry();    // 123456789012.dkr.ecr.eu-west-1.amazonaws.com
 * ref.repository();  // orders
 * ref.ecr();         // account and region
 * }</pre>
 *
 * <p>Without a host, {@link #parse(String)} means Docker Hub ({@code docker.io}, {@code library/}
 * for single names), as {@code docker} does; {@link #parse(String, String)} instead places it in
 * the registry you name.
 */
public final class ImageReference {

    /** The registry a reference without host names. */
    public static final String DOCKER_HUB = "docker.io";
    /** Docker Hub's legacy host, which docker maps to {@link #DOCKER_HUB}. */
    private static final String LEGACY_DOCKER_HUB = "index.docker.io";

    /** Longest repository path (without host) docker accepts. */
    private static final int MAX_NAME_LENGTH = 255;
    /** An image ID: docker refuses it as a repository name, so that it is never mistaken for one. */
    private static final Pattern IMAGE_ID = Pattern.compile("[a-f0-9]{64}");
    /** The digest algorithms docker resolves, with their hex lengths. */
    private static final Map<String, Integer> DIGEST_HEX_LENGTHS = Map.of("sha256", 64, "sha384", 96,
            "sha512", 128);
    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*"
                    + "|\\[[0-9a-fA-F:]+\\])(?::[0-9]{1,5})?");

    private final String registry;
    private final String repository;
    private final String tag;
    private final Digest digest;

    private ImageReference(String registry, String repository, String tag, Digest digest) {
        this.registry = registry;
        this.repository = repository;
        this.tag = tag;
        this.digest = digest;
    }

    /**
     * Parses a reference; without a host it names Docker Hub.
     *
     * @throws InvalidReferenceException naming the part that breaks the grammar
     */
    public static ImageReference parse(String reference) {
        return parse(reference, null);
    }

    /**
     * Parses a reference; without a host it lives in {@code defaultRegistry} (no {@code library/}
     * prefix is added there).
     *
     * @throws InvalidReferenceException naming the part that breaks the grammar
     */
    public static ImageReference parse(String reference, String defaultRegistry) {
        if (reference == null || reference.isBlank()) {
            throw new InvalidReferenceException("image reference is empty; expected [host[:port]/]name[:tag][@digest]");
        }
        String rest = reference.trim();
        if (IMAGE_ID.matcher(rest).matches()) {
            throw new InvalidReferenceException("invalid image reference '" + reference
                    + "': a 64-character hex string is an image ID, not a repository name (docker refuses it too)");
        }
        Digest digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = referenceDigest(reference, rest.substring(at + 1));
            rest = rest.substring(0, at);
        }
        String tag = null;
        int lastSlash = rest.lastIndexOf('/');
        int colon = rest.lastIndexOf(':');
        if (colon > lastSlash) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw new InvalidReferenceException("invalid tag '" + tag + "' in '" + reference
                        + "'; a tag is up to 128 letters, digits, '_', '.' or '-' and does not start with '.' or '-'");
            }
        }
        String registry;
        String path;
        int slash = rest.indexOf('/');
        String first = slash < 0 ? null : rest.substring(0, slash);
        if (first != null && (first.contains(".") || first.contains(":") || first.equals("localhost")
                || !first.equals(first.toLowerCase(java.util.Locale.ROOT)))) {
            if (!DOMAIN.matcher(first).matches()) {
                throw new InvalidReferenceException("invalid registry host '" + first + "' in '" + reference + "'");
            }
            registry = first.equals(LEGACY_DOCKER_HUB) ? DOCKER_HUB : first;
            path = rest.substring(slash + 1);
            if (registry.equals(DOCKER_HUB) && !path.contains("/")) {
                path = "library/" + path; // docker.io/busybox is docker.io/library/busybox, as docker reads it
            }
        } else if (defaultRegistry != null) {
            registry = defaultRegistry;
            path = rest;
        } else {
            registry = DOCKER_HUB;
            path = rest.contains("/") ? rest : "library/" + rest;
        }
        if (path.isEmpty()) {
            throw new InvalidReferenceException("image reference '" + reference + "' has no repository name");
        }
        for (String component : path.split("/", -1)) {
            if (!PATH_COMPONENT.matcher(component).matches()) {
                throw new InvalidReferenceException("invalid repository name component '" + component + "' in '" + reference
                        + "'; use lower-case letters and digits separated by '.', '_', '__' or '-'");
            }
        }
        if (path.length() > MAX_NAME_LENGTH) {
            throw new InvalidReferenceException("repository name in '" + reference + "' is longer than " + MAX_NAME_LENGTH + " characters");
        }
        return new ImageReference(registry, path, tag, digest);
    }

    private static Digest referenceDigest(String reference, String text) {
        Digest digest;
        try {
            digest = Digest.parse(text);
        } catch (InvalidReferenceException e) {
            throw new InvalidReferenceException("invalid image reference '" + reference + "': " + e.getMessage());
        }
        Integer hexLength = DIGEST_HEX_LENGTHS.get(digest.algorithm());
        if (hexLength == null || digest.hex().length() != hexLength) {
            throw new InvalidReferenceException("invalid image reference '" + reference + "': digest " + digest
                    + " is not sha256 (64 hex), sha384 (96) or sha512 (128), the algorithms docker resolves");
        }
        return digest;
    }

    /** Builds a reference from its parts, validating each. */
    public static ImageReference of(String registry, String repository, String tag) {
        return parse(registry + "/" + repository + (tag == null ? "" : ":" + tag));
    }

    /** Registry host, with port when one was given. */
    public String registry() {
        return registry;
    }

    /** Repository path inside the registry, e.g. {@code team/orders}. */
    public String repository() {
        return repository;
    }

    public Optional<String> tag() {
        return Optional.ofNullable(tag);
    }

    public Optional<Digest> digest() {
        return Optional.ofNullable(digest);
    }

    /** The digest when present, else the tag, else {@code latest}: what to put after {@code /manifests/}. */
    public String tagOrDigest() {
        return digest != null ? digest.toString() : tag != null ? tag : "latest";
    }

    /** This reference with {@code newTag} (the digest is dropped, as it would name other content). */
    public ImageReference withTag(String newTag) {
        return parse(registry + "/" + repository + ":" + newTag);
    }

    /** This reference pinned to {@code newDigest}, keeping the tag for readers. */
    public ImageReference withDigest(Digest newDigest) {
        return new ImageReference(registry, repository, tag, Objects.requireNonNull(newDigest, "digest"));
    }

    /** This reference in another registry, same repository, tag and digest. */
    public ImageReference withRegistry(String newRegistry) {
        ImageReference checked = parse(newRegistry + "/" + repository);
        return new ImageReference(checked.registry, repository, tag, digest);
    }

    /** The ECR account and region when the registry is an ECR host. */
    public Optional<EcrRegistryHost> ecr() {
        return EcrRegistryHost.parse(registry);
    }

    /** Whether the registry is on this machine ({@code localhost}, {@code 127.x}, {@code [::1]}). */
    public boolean isLoopbackRegistry() {
        return isLoopbackHost(registry);
    }

    /** Whether {@code hostAndPort} names this machine. */
    public static boolean isLoopbackHost(String hostAndPort) {
        String host = hostAndPort;
        if (host.startsWith("[")) {
            host = host.substring(1, host.indexOf(']'));
        } else if (host.indexOf(':') >= 0) {
            host = host.substring(0, host.indexOf(':'));
        }
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageReference other && registry.equals(other.registry) && repository.equals(other.repository)
                && Objects.equals(tag, other.tag) && Objects.equals(digest, other.digest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(registry, repository, tag, digest);
    }

    /** The full form, {@code host/repository[:tag][@digest]}. */
    @Override
    public String toString() {
        return registry + "/" + repository + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }
}
