package io.github.ecrtoolkit.docker;

import java.util.List;
import java.util.Map;

/**
 * What {@code docker inspect} shows about an image, the part callers check.
 *
 * @param id          {@code sha256:…}
 * @param repoTags    names it is tagged with in the engine
 * @param repoDigests {@code name@sha256:…} for each registry it was pushed to or pulled from
 * @param labels      the image labels
 * @param env         the environment, {@code NAME=value}
 * @param cmd         the default command
 * @param os          e.g. {@code linux}
 * @param architecture e.g. {@code amd64}
 * @param size        bytes, uncompressed
 */
public record ImageDetails(String id, List<String> repoTags, List<String> repoDigests, Map<String, String> labels,
        List<String> env, List<String> cmd, String os, String architecture, long size) {

    public ImageDetails {
        repoTags = List.copyOf(repoTags);
        repoDigests = List.copyOf(repoDigests);
        labels = Map.copyOf(labels);
        env = List.copyOf(env);
        cmd = List.copyOf(cmd);
    }
}
