package io.github.ecrtoolkit.docker.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.github.ecrtoolkit.core.build.BuildRequest;
import io.github.ecrtoolkit.core.dockerfile.Dockerfile;
import io.github.ecrtoolkit.core.dockerfile.Instruction;
import io.github.ecrtoolkit.core.image.ImageReference;

/**
 * The registries a Dockerfile's {@code FROM} lines pull from, so that the engine can be given
 * credentials for each ({@code X-Registry-Config}). Stages and {@code scratch} need none; a base
 * named by a variable is resolved with the build arguments when it can be, else skipped.
 */
public final class BaseRegistries {

    private BaseRegistries() {
    }

    /** Hosts of the base images of {@code request}'s Dockerfile, in order, each once. */
    public static Set<String> of(BuildRequest request) {
        Set<String> hosts = new LinkedHashSet<>();
        List<String> stages = new ArrayList<>();
        Dockerfile dockerfile = Dockerfile.read(request.contextDir(), request.dockerfile());
        for (Instruction instruction : dockerfile.instructions()) {
            if (!instruction.keyword().equalsIgnoreCase("FROM")) {
                continue;
            }
            String[] words = instruction.arguments().trim().split("\\s+");
            String base = null;
            for (int i = 0; i < words.length; i++) {
                if (words[i].startsWith("--")) {
                    continue;
                }
                if (base == null) {
                    base = substitute(words[i], request);
                } else if (words[i].equalsIgnoreCase("AS") && i + 1 < words.length) {
                    stages.add(words[i + 1].toLowerCase(Locale.ROOT));
                    break;
                }
            }
            if (base == null || base.contains("$") || base.equalsIgnoreCase("scratch") || stages.contains(base.toLowerCase(Locale.ROOT))) {
                continue;
            }
            try {
                hosts.add(ImageReference.parse(base).registry());
            } catch (RuntimeException notAReference) {
                // the engine reports it when it builds
            }
        }
        return hosts;
    }

    private static String substitute(String word, BuildRequest request) {
        String result = word;
        for (var arg : request.buildArgs().entrySet()) {
            result = result.replace("${" + arg.getKey() + "}", arg.getValue()).replace("$" + arg.getKey(), arg.getValue());
        }
        return result;
    }
}
