package io.github.ecrtoolkit.docker.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.github.ecrtoolkit.core.EcrToolkitException;
import io.github.ecrtoolkit.core.dockerfile.Dockerfile;
import io.github.ecrtoolkit.core.dockerfile.Instruction;
import io.github.ecrtoolkit.core.image.Digest;
import io.github.ecrtoolkit.docker.ImageDetails;

/**
 * The no-change path of a build: when the context tar (reproducible, so its digest is stable),
 * the Dockerfile options and every base image in the engine are exactly as for an earlier build
 * on the same engine in this process, the engine would answer every step from its cache and give
 * the same image — so the context is not sent again and the image's tags are checked instead.
 * Anything that could make the engine's answer differ ({@code pull}, {@code no-cache}, a base
 * given by a variable or missing from the engine, {@code ADD} of a URL) turns the shortcut off.
 */
final class UnchangedBuilds {

    private static final Map<String, String> IMAGE_BY_KEY = new ConcurrentHashMap<>();

    private UnchangedBuilds() {
    }

    /** The key of this build, or empty when it cannot be proven to repeat an earlier one. */
    static Optional<String> key(EngineHttp http, BuildSpec spec) {
        if (spec.noCache() || spec.pull()) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        try {
            Dockerfile dockerfile = Dockerfile.read(spec.context(), spec.dockerfile());
            List<String> stages = new ArrayList<>();
            for (Instruction instruction : dockerfile.instructions()) {
                String keyword = instruction.keyword().toUpperCase(Locale.ROOT);
                if (keyword.equals("ADD") && instruction.arguments().contains("://")) {
                    return Optional.empty();
                }
                if (keyword.equals("ONBUILD")) {
                    return Optional.empty();
                }
                if (!keyword.equals("FROM")) {
                    continue;
                }
                String[] words = instruction.arguments().trim().split("\\s+");
                String base = words[0];
                if (base.contains("$")) {
                    return Optional.empty();
                }
                if (!base.equalsIgnoreCase("scratch") && !stages.contains(base.toLowerCase(Locale.ROOT))) {
                    Optional<ImageDetails> image = Inspector.inspect(http, base);
                    if (image.isEmpty()) {
                        return Optional.empty();
                    }
                    parts.add("base " + base + "=" + image.get().id());
                }
                if (words.length == 3 && words[1].equalsIgnoreCase("AS")) {
                    stages.add(words[2].toLowerCase(Locale.ROOT));
                }
            }
            parts.add("context " + BuildContextArchive.digest(spec.context(), spec.dockerfile()));
        } catch (EcrToolkitException e) {
            return Optional.empty(); // the engine will say what is wrong
        }
        parts.add("engine " + http.engine() + " api " + http.version());
        parts.add("dockerfile " + spec.dockerfile());
        parts.add("args " + new TreeMap<>(spec.buildArgs()));
        parts.add("labels " + new TreeMap<>(spec.labels()));
        parts.add("target " + spec.target().orElse(""));
        parts.add("platform " + spec.platform().orElse(""));
        MessageDigest sha = Digest.sha256Engine();
        parts.forEach(p -> sha.update((p + "\n").getBytes(StandardCharsets.UTF_8)));
        return Optional.of(HexFormat.of().formatHex(sha.digest()));
    }

    /** The image an earlier build with this key gave, when the engine still has it; its tags are set again if moved. */
    static Optional<String> reuse(EngineHttp http, String key, List<String> tags) {
        String id = IMAGE_BY_KEY.get(key);
        if (id == null) {
            return Optional.empty();
        }
        if (Inspector.inspect(http, id).isEmpty()) {
            IMAGE_BY_KEY.remove(key, id);
            return Optional.empty();
        }
        for (String tag : tags) {
            if (!Inspector.inspect(http, tag).map(ImageDetails::id).filter(id::equals).isPresent()) {
                int slash = tag.lastIndexOf('/');
                int colon = tag.lastIndexOf(':');
                boolean hasTag = colon > slash;
                Inspector.tag(http, id, hasTag ? tag.substring(0, colon) : tag, hasTag ? tag.substring(colon + 1) : "latest");
            }
        }
        return Optional.of(id);
    }

    static void remember(String key, String imageId) {
        IMAGE_BY_KEY.put(key, imageId);
    }
}
