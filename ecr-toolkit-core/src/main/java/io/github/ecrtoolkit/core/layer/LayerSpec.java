package io.github.ecrtoolkit.core.layer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import io.github.ecrtoolkit.core.layer.internal.EntryCollector;
import io.github.ecrtoolkit.core.layer.internal.SlashPaths;

/**
 * What one layer holds: its entries, sorted by path with every parent directory present, and a
 * description for the image history (e.g. {@code COPY app/ /app/}).
 *
 * <pre>{@code
 * LayerSpec app = LayerSpec.builder()
 *         .context(Path.of("orders-service"))            // nothing may leave this folder
 *         .ignore(DockerIgnore.load(Path.of("orders-service"), "Dockerfile"))
 *         .description("COPY target/lib/ /app/lib/")
 *         .add(Path.of("orders-service/target/lib"), "/app/lib")
 *         .build();
 * }</pre>
 *
 * <p>Immutable; the files are only stat-ed when the spec is built and read when it is written.
 */
public final class LayerSpec {

    private final String description;
    private final List<LayerEntry> entries;
    private final long contentSize;

    private LayerSpec(String description, List<LayerEntry> entries, long contentSize) {
        this.description = description;
        this.entries = entries; // immutable, from the builder
        this.contentSize = contentSize;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Entries sorted by path; every parent directory of an entry is itself an entry. */
    public List<LayerEntry> entries() {
        return entries;
    }

    /** Text for the image history, e.g. {@code COPY app/ /app/}. */
    public String description() {
        return description;
    }

    /** Sum of the file sizes. */
    public long contentSize() {
        return contentSize;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LayerSpec s && description.equals(s.description) && entries.equals(s.entries);
    }

    @Override
    public int hashCode() {
        return Objects.hash(description, entries);
    }

    @Override
    public String toString() {
        return "LayerSpec[" + description + ", " + entries.size() + " entries]";
    }

    /**
     * Collects entries; a later entry at the same path replaces an earlier one, as a later
     * {@code COPY} overwrites. Not thread-safe.
     */
    public static final class Builder {
        private final Map<String, LayerEntry> entries = new TreeMap<>();
        private Path context;
        private DockerIgnore ignore = DockerIgnore.NONE;
        private String description = "";
        private boolean keepLinksLeavingContext;
        private boolean modesFromDisk;

        private Builder() {
        }

        /**
         * The build context: sources must lie inside it, symbolic links must point inside it,
         * and {@link #ignore} patterns are relative to it. Without a context each added
         * directory is its own boundary.
         */
        public Builder context(Path newContext) {
            this.context = Objects.requireNonNull(newContext, "context").toAbsolutePath().normalize();
            return this;
        }

        /** Files of the context these rules exclude are left out (needs {@link #context}). */
        public Builder ignore(DockerIgnore newIgnore) {
            this.ignore = Objects.requireNonNull(newIgnore, "ignore");
            return this;
        }

        /**
         * Keeps symbolic links inside added folders that point out of the context as links (their
         * targets are never read), as Docker does when it sends a build context. Layers refuse such
         * links by default, because the same link means something else inside the image.
         */
        public Builder keepLinksLeavingContext(boolean keep) {
            this.keepLinksLeavingContext = keep;
            return this;
        }

        /**
         * Keeps each added file's and folder's permission bits as they are on disk, as
         * {@code docker build} does (group-writable files stay group-writable, so the digest depends
         * on the machine's umask). By default modes are normalised: {@code 0755} for folders and
         * executables, {@code 0644} for other files, never wider than on disk (a {@code 0600} key
         * stays {@code 0600}). An {@link EntryOptions#withMode explicit mode} wins over both.
         */
        public Builder modesFromDisk(boolean keep) {
            this.modesFromDisk = keep;
            return this;
        }

        public Builder description(String newDescription) {
            this.description = Objects.requireNonNull(newDescription, "description");
            return this;
        }

        /** {@link #add(Path, String, EntryOptions)} with default modes and owner 0:0. */
        public Builder add(Path source, String target) {
            return add(source, target, EntryOptions.defaults());
        }

        /**
         * Adds a file as {@code target}, or a directory's contents (not the directory itself)
         * under {@code target}, which is then a directory. Symbolic links inside a directory are
         * kept as links; a named source that is a link is followed.
         *
         * @throws LayerException when the source is missing, leaves the context, is excluded by
         *                        the ignore rules, holds a link out of the context, or a file
         *                        that is not regular, a directory or a link
         */
        public Builder add(Path source, String target, EntryOptions options) {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(options, "options");
            new EntryCollector(context, context == null ? DockerIgnore.NONE : ignore, keepLinksLeavingContext, modesFromDisk,
                    entries::put)
                    .add(source, imagePath(target), options.uid(), options.gid(), options.modeValue());
            return this;
        }

        /** Adds an empty directory (or sets the mode and owner of one added before). */
        public Builder addDirectory(String target, EntryOptions options) {
            int mode = options.mode().orElse(0755);
            put(LayerEntry.directory(imagePath(target), mode, options.uid(), options.gid()));
            return this;
        }

        /** Adds a file with the given bytes, mode {@code 0644} unless the options say otherwise. */
        public Builder addContent(String target, byte[] content, EntryOptions options) {
            put(LayerEntry.content(imagePath(target), content, options.mode().orElse(0644), options.uid(), options.gid()));
            return this;
        }

        /** Adds a symbolic link, stored as given (it is resolved inside the container). */
        public Builder addSymlink(String target, String linkTarget, EntryOptions options) {
            put(LayerEntry.symlink(imagePath(target), linkTarget, options.uid(), options.gid()));
            return this;
        }

        /** Adds a prepared entry. */
        public Builder put(LayerEntry entry) {
            entries.put(entry.path(), entry);
            return this;
        }

        /**
         * The spec, with parent directories added (mode {@code 0755}, {@code tmp} and
         * {@code var/tmp} {@code 01777}, owner 0:0).
         *
         * @throws LayerException when an entry needs a parent that was added as a file or link
         */
        public LayerSpec build() {
            Pass pass = new Pass(entries);
            for (LayerEntry entry : entries.values()) {
                pass.add(entry);
            }
            if (pass.hardLinks) {
                Map<String, LayerEntry> all = new TreeMap<>(entries);
                all.putAll(pass.addedParents);
                all.replaceAll((path, entry) -> entry.type() == LayerEntry.Type.HARD_LINK && !linksToAFile(all, entry) ? entry.asFile() : entry);
                long size = 0;
                for (LayerEntry entry : all.values()) {
                    size += entry.size();
                }
                return new LayerSpec(description, List.copyOf(all.values()), size);
            }
            if (pass.outOfOrder) {
                pass.ordered.sort(null);
            }
            return new LayerSpec(description, Collections.unmodifiableList(pass.ordered), pass.size);
        }

        /**
         * One pass over the entries in path order that sums their sizes and adds the parents no
         * entry names, collecting all in order. A pass over 50,000 entries runs in the interpreter
         * in a short push (a loop is compiled only after tens of thousands of turns, a method called
         * often at once), so the loop only calls {@link #add}, and nothing walks the map again.
         */
        private static final class Pass {
            private final Map<String, LayerEntry> entries;
            final Map<String, LayerEntry> addedParents = new HashMap<>();
            final List<LayerEntry> ordered;
            long size;
            boolean hardLinks;
            /** Whether a parent was added after an entry that sorts after it (then the list is sorted). */
            boolean outOfOrder;
            /**
             * A directory whose parents are known present: in path order, a walked folder's files
             * follow it, so most entries need no look-up of their parent.
             */
            private String checkedDirectory;

            Pass(Map<String, LayerEntry> entries) {
                this.entries = entries;
                this.ordered = new ArrayList<>(entries.size() + 8);
            }

            void add(LayerEntry entry) {
                String path = entry.path();
                hardLinks |= entry.type() == LayerEntry.Type.HARD_LINK;
                size += entry.size();
                int slash = path.lastIndexOf('/');
                if (slash >= 0 && !(checkedDirectory != null && checkedDirectory.length() == slash && path.startsWith(checkedDirectory))) {
                    addParents(entry);
                    checkedDirectory = path.substring(0, slash);
                }
                if (entry.type() == LayerEntry.Type.DIRECTORY) {
                    checkedDirectory = path;
                }
                ordered.add(entry);
            }

            /** Adds the missing parents of {@code entry}, outermost first, just before it. */
            private void addParents(LayerEntry entry) {
                int insertAt = ordered.size();
                String parent = SlashPaths.parent(entry.path());
                while (!parent.isEmpty()) {
                    LayerEntry existing = entries.get(parent);
                    if (existing == null) {
                        existing = addedParents.get(parent);
                    }
                    if (existing == null) {
                        LayerEntry added = LayerEntry.directory(parent, implicitMode(parent), 0, 0);
                        addedParents.put(parent, added);
                        ordered.add(insertAt, added);
                        outOfOrder |= insertAt > 0 && ordered.get(insertAt - 1).path().compareTo(parent) > 0;
                    } else if (existing.type() != LayerEntry.Type.DIRECTORY) {
                        throw new LayerException("/" + entry.path() + " needs /" + parent + " to be a directory, but it was added as a "
                                + existing.type().name().toLowerCase(Locale.ROOT) + existing.source().map(s -> " from " + s).orElse("")
                                + ". Copy one of them to another path.");
                    } else {
                        return; // its own parents were handled when it was added
                    }
                    parent = SlashPaths.parent(parent);
                }
            }
        }

        /** Whether an entry was already added at {@code target}. */
        public Optional<LayerEntry> entry(String target) {
            return Optional.ofNullable(entries.get(imagePath(target)));
        }

        /** A hard link stays one only while its first path still holds that file (a later add may replace it). */
        private static boolean linksToAFile(Map<String, LayerEntry> all, LayerEntry link) {
            LayerEntry first = all.get(link.linkTarget().orElseThrow());
            return first != null && first.type() == LayerEntry.Type.FILE && first.source().isPresent()
                    && first.size() == link.asFile().size() && first.sourceModified().equals(link.sourceModified());
        }

        private static int implicitMode(String path) {
            return path.equals("tmp") || path.equals("var/tmp") ? 01777 : 0755;
        }

        private static String imagePath(String target) {
            String relative = SlashPaths.relative(Objects.requireNonNull(target, "target"));
            if (relative.startsWith("..")) {
                throw new IllegalArgumentException("'" + target + "' is not a path inside the image");
            }
            return relative;
        }
    }
}
