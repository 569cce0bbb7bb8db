package io.github.ecrtoolkit.core.layer.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import io.github.ecrtoolkit.core.layer.LayerEntry;

/**
 * Files of one walk that are the same file on disk (same device and inode): the first of them in
 * layer order stays a file and the others become hard links to it, as {@code docker build} and
 * {@code tar} keep them — the bytes are stored once and the link survives in the image.
 */
final class HardLinks {

    /** The first entry seen per file key; a key seen again moves to {@link #repeated}. */
    private final Map<Object, LayerEntry> first = new HashMap<>();
    private final Map<Object, List<LayerEntry>> repeated = new HashMap<>();

    /** Notes a regular file; {@code fileKey} is null where the platform has no inode (then nothing is linked). */
    void add(Object fileKey, LayerEntry entry) {
        if (fileKey == null) {
            return;
        }
        LayerEntry earlier = first.putIfAbsent(fileKey, entry);
        if (earlier != null) {
            repeated.computeIfAbsent(fileKey, key -> new ArrayList<>(List.of(earlier))).add(entry);
        }
    }

    /** Replaces every repeated file but the first in path order by a hard link to that one. */
    void linkRepeats(BiConsumer<String, LayerEntry> sink) {
        for (List<LayerEntry> names : repeated.values()) {
            names.sort(null);
            String firstPath = names.get(0).path();
            for (LayerEntry other : names.subList(1, names.size())) {
                sink.accept(other.path(), other.asHardLinkTo(firstPath));
            }
        }
    }
}
