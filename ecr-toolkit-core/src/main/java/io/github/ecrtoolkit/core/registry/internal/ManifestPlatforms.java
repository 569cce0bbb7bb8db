package io.github.ecrtoolkit.core.registry.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.ecrtoolkit.core.image.Descriptor;
import io.github.ecrtoolkit.core.image.ImageJson;
import io.github.ecrtoolkit.core.image.ImageManifest;
import io.github.ecrtoolkit.core.image.MediaTypes;
import io.github.ecrtoolkit.core.image.Platform;
import io.github.ecrtoolkit.core.internal.InternalApi;

/** What an image in a registry runs on: its index's platforms, or what a single manifest's config says. */
@InternalApi
public final class ManifestPlatforms {

    private ManifestPlatforms() {
    }

    /**
     * The platforms of {@code repository:reference}: every index entry's (attestations, {@code unknown/unknown},
     * left out), or the config's {@code os}/{@code architecture}/{@code variant}; empty when the config names none.
     *
     * @throws io.github.ecrtoolkit.core.EcrToolkitException when the image cannot be read
     */
    public static List<Platform> of(RegistryClient client, String repository, String reference) {
        RegistryClient.Manifest top = client.getManifest(repository, reference);
        if (MediaTypes.isIndex(top.mediaType())) {
            List<Platform> platforms = new ArrayList<>();
            for (Descriptor entry : ImageJson.readIndex(top.bytes(), top.mediaType()).manifests()) {
                entry.platform().filter(p -> !p.os().equals("unknown")).filter(p -> !platforms.contains(p)).ifPresent(platforms::add);
            }
            return platforms;
        }
        ImageManifest manifest = ImageJson.readManifest(top.bytes(), top.mediaType());
        return fromConfig(ImageJson.readConfig(client.readBlob(repository, manifest.config().digest()))).map(List::of).orElse(List.of());
    }

    /** The platform an image config says, if it says one (os and architecture). */
    public static Optional<Platform> fromConfig(ObjectNode config) {
        JsonNode os = config.get("os");
        JsonNode architecture = config.get("architecture");
        if (os == null || architecture == null || !os.isTextual() || !architecture.isTextual()
                || os.asText().isBlank() || architecture.asText().isBlank()) {
            return Optional.empty();
        }
        JsonNode variant = config.get("variant");
        return Optional.of(new Platform(os.asText(), architecture.asText(),
                variant != null && variant.isTextual() ? Optional.of(variant.asText()) : Optional.empty()));
    }
}
