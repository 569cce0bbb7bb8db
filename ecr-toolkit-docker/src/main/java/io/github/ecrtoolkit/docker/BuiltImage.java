package io.github.ecrtoolkit.docker;

import java.time.Duration;
import java.util.List;

/**
 * An image the engine built.
 *
 * @param id       the image id, {@code sha256:…}
 * @param tags     the tags it was given, as asked
 * @param output   the build's output lines (steps and what the commands printed)
 * @param elapsed  how long the build took, context upload included
 */
public record BuiltImage(String id, List<String> tags, List<String> output, Duration elapsed) {

    public BuiltImage {
        tags = List.copyOf(tags);
        output = List.copyOf(output);
    }
}
