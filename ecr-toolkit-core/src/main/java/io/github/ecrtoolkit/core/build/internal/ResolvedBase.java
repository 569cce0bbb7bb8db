package io.github.ecrtoolkit.core.build.internal;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.ecrtoolkit.core.EcrToolkitException;
import io.github.ecrtoolkit.core.image.Descriptor;
import io.github.ecrtoolkit.core.image.ImageIndex;
import io.github.ecrtoolkit.core.image.ImageJson;
import io.github.ecrtoolkit.core.image.ImageManifest;
import io.github.ecrtoolkit.core.image.ImageReference;
import io.github.ecrtoolkit.core.image.MediaTypes;
import io.github.ecrtoolkit.core.image.Platform;
import io.github.ecrtoolkit.core.registry.internal.ManifestPlatforms;
import io.github.ecrtoolkit.core.registry.internal.RegistryClient;

/**
 * A resolved base image: its manifest for the platform, its config, and where its layers live.
 * Only the config is downloaded; layers stay in their registry until a push copies them.
 *
 * @param reference  what was asked for
 * @param manifest   the platform's manifest
 * @param config     its config, field order kept
 * @param client     the registry holding it
 */
public record ResolvedBase(ImageReference reference, ImageManifest manifest, ObjectNode config, RegistryClient client) {

    /**
     * Resolves {@code reference} for {@code platform}: an index gives the entry of that platform; a
     * single manifest is taken only when its config says that platform (or says none). Never falls
     * back to another platform: the image would be pushed under the asked-for platform's name and
     * fail with {@code exec format error} where it runs.
     *
     * @throws EcrToolkitException when the image is missing, or has nothing for {@code platform}
     *         (the message names the platforms it has)
     */
    public static ResolvedBase resolve(ImageReference reference, Platform platform, RegistryClient client) {
        RegistryClient.Manifest top = client.getManifest(reference.repository(), reference.tagOrDigest());
        if (reference.digest().isPresent() && !reference.digest().get().equals(top.digest())) {
            throw new EcrToolkitException("base image " + reference + " came back with digest " + top.digest() + "; refusing it");
        }
        RegistryClient.Manifest chosen = top;
        if (MediaTypes.isIndex(top.mediaType())) {
            ImageIndex index = ImageJson.readIndex(top.bytes(), top.mediaType());
            Optional<Descriptor> entry = index.manifestFor(platform);
            if (entry.isEmpty()) {
                List<String> offered = index.manifests().stream().map(d -> d.platform().map(Platform::toString).orElse("?")).toList();
                throw missing(reference, platform, String.join(", ", offered));
            }
            chosen = client.getManifest(reference.repository(), entry.get().digest().toString());
        }
        ImageManifest manifest = ImageJson.readManifest(chosen.bytes(), chosen.mediaType());
        ObjectNode config = ImageJson.readConfig(client.readBlob(reference.repository(), manifest.config().digest()));
        ResolvedBase base = new ResolvedBase(reference, manifest, config, client);
        base.platform().filter(own -> !platform.matches(own)).ifPresent(own -> {
            throw missing(reference, platform, own + " only (a single manifest, no index)");
        });
        return base;
    }

    private static EcrToolkitException missing(ImageReference reference, Platform platform, String offered) {
        return new EcrToolkitException(EcrToolkitException.Reason.NOT_FOUND, "base image " + reference + " has no " + platform
                + " image; it has " + offered + ". Build for one of those platforms, or use a base image that has "
                + platform + " (an image index with that platform)");
    }

    /** The platform the base's config says, if it says one (os and architecture). */
    public Optional<Platform> platform() {
        return ManifestPlatforms.fromConfig(config);
    }

    /** Whether the base uses Docker v2.2 media types (then the new image does too, to stay consistent). */
    public boolean isDockerTyped() {
        return MediaTypes.isDocker(manifest.mediaType());
    }
}
