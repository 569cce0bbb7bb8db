package io.github.ecrtoolkit.core.build.internal;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.ecrtoolkit.core.EcrToolkitException;
import io.github.ecrtoolkit.core.image.Descriptor;
import io.github.ecrtoolkit.core.image.ImageJson;
import io.github.ecrtoolkit.core.image.MediaTypes;
import io.github.ecrtoolkit.core.image.Platform;

/**
 * Puts an image together: base layers and config (or scratch), new layers, config changes, history.
 * The config's {@code created} time is fixed (the layers' time), so the same input gives the same digest.
 */
public final class ImageAssembler {

    private ImageAssembler() {
    }

    /**
     * One entry of the config's history.
     *
     * @param createdBy  the step, e.g. {@code COPY app /app}
     * @param emptyLayer whether it added no layer; the others match the new layers one to one, in order
     */
    public record History(String createdBy, boolean emptyLayer) {
    }

    /**
     * Assembles the image.
     *
     * @param base            the resolved base, empty for {@code scratch}
     * @param platform        the platform of a scratch image (a base keeps its own)
     * @param layers          new layers, in order
     * @param containerConfig turns the base's {@code config} object (empty for scratch) into the new one
     * @param history         history entries of this build
     * @param author          the config's {@code author}, if any
     * @param created         the fixed creation time
     */
    public static AssembledImage assemble(Optional<ResolvedBase> base, Platform platform, List<NewLayer> layers,
                                          UnaryOperator<ObjectNode> containerConfig, List<History> history,
                                          Optional<String> author, Instant created) {
        long added = history.stream().filter(h -> !h.emptyLayer()).count();
        if (added != layers.size()) {
            throw new IllegalArgumentException(layers.size() + " layers but " + added + " history entries with a layer");
        }
        String manifestType = base.map(b -> b.isDockerTyped() ? MediaTypes.DOCKER_MANIFEST : MediaTypes.OCI_MANIFEST)
                .orElse(MediaTypes.OCI_MANIFEST);
        if (MediaTypes.isDocker(manifestType) && layers.stream().anyMatch(NewLayer::isZstd)) {
            throw new EcrToolkitException(EcrToolkitException.Reason.UNSUPPORTED, "zstd layers need an OCI manifest, but the base image " + base.get().reference()
                    + " uses Docker v2.2 media types; build with Compression.gzip() or use an OCI base image");
        }
        String time = DateTimeFormatter.ISO_INSTANT.format(created);

        ObjectNode config = base.map(b -> b.config().deepCopy()).orElseGet(() -> ImageJson.mapper().createObjectNode());
        if (base.isEmpty()) {
            config.put("architecture", platform.architecture());
            config.put("os", platform.os());
            platform.variant().ifPresent(v -> config.put("variant", v));
        }
        author.ifPresent(a -> config.put("author", a));
        config.put("created", time);
        JsonNode existing = config.get("config");
        ObjectNode before = existing instanceof ObjectNode o ? o.deepCopy() : ImageJson.mapper().createObjectNode();
        config.set("config", containerConfig.apply(before));

        ObjectNode rootfs = config.get("rootfs") instanceof ObjectNode r ? r : config.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode diffIds = rootfs.get("diff_ids") instanceof ArrayNode a ? a : rootfs.putArray("diff_ids");
        ArrayNode historyNode = config.get("history") instanceof ArrayNode h ? h : config.putArray("history");

        List<BlobToPush> baseBlobs = new ArrayList<>();
        base.ifPresent(b -> {
            if (b.manifest().layers().size() != diffIdCount(b.config())) {
                throw new EcrToolkitException("base image " + b.reference() + " is inconsistent: " + b.manifest().layers().size()
                        + " layers but " + diffIdCount(b.config()) + " diff ids in its config");
            }
            for (Descriptor layer : b.manifest().layers()) {
                baseBlobs.add(BlobToPush.remote(layer, b.client(), b.reference().repository()));
            }
        });
        for (NewLayer layer : layers) {
            diffIds.add(layer.diffId().toString());
        }
        for (History step : history) {
            ObjectNode entry = historyNode.addObject();
            entry.put("created", time);
            entry.put("created_by", step.createdBy());
            if (step.emptyLayer()) {
                entry.put("empty_layer", true);
            }
        }
        return AssembledImage.of(manifestType, baseBlobs, layers, ImageJson.bytes(config));
    }

    private static int diffIdCount(ObjectNode config) {
        return config.path("rootfs").path("diff_ids").size();
    }
}
