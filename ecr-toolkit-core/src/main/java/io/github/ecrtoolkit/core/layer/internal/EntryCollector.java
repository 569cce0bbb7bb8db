package io.github.ecrtoolkit.core.layer.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;

import io.github.ecrtoolkit.core.internal.ParallelWork;
import io.github.ecrtoolkit.core.layer.DockerIgnore;
import io.github.ecrtoolkit.core.layer.LayerEntry;
import io.github.ecrtoolkit.core.layer.LayerException;

/**
 * Turns a source on disk into layer entries: stats files, keeps symbolic links that stay inside
 * the boundary, refuses anything that leaves it, and leaves out what the ignore rules exclude.
 */
public final class EntryCollector {

    /** Folders walked in this JVM, so that a test can prove a build walks each source folder once. */
    private static final LongAdder WALKS = new LongAdder();

    private final Path context;
    private final DockerIgnore ignore;
    private final boolean keepOutsideLinks;
    private final boolean modesFromDisk;
    private final BiConsumer<String, LayerEntry> sink;

    /**
     * @param context the folder nothing may leave, or {@code null} to make each added directory
     *                its own boundary
     * @param keepOutsideLinks keep links that point out of the boundary as links instead of refusing
     *                         them (their targets are never read)
     * @param modesFromDisk keep permission bits exactly as on disk, as {@code docker build} does;
     *                      else {@link #normalisedMode normalise} them
     */
    public EntryCollector(Path context, DockerIgnore ignore, boolean keepOutsideLinks, boolean modesFromDisk,
            BiConsumer<String, LayerEntry> sink) {
        this.context = context;
        this.ignore = ignore;
        this.keepOutsideLinks = keepOutsideLinks;
        this.modesFromDisk = modesFromDisk;
        this.sink = sink;
    }

    /**
     * Adds {@code source} at {@code target} (relative image path, may be empty for the root when
     * the source is a directory).
     */
    public void add(Path source, String target, int uid, int gid, Optional<Integer> mode) {
        Path absolute = source.toAbsolutePath().normalize();
        Path boundary = context != null ? context : absolute;
        if (context != null && !absolute.startsWith(context)) {
            throw new LayerException("Source " + source + " is outside the build context " + context
                    + ". Move it into the context or pick a context that contains it.");
        }
        Path real = realPath(absolute, source);
        if (context != null) {
            Path realContext = realPath(context, context);
            if (!real.startsWith(realContext)) {
                throw new LayerException("Source " + source + " resolves to " + real + ", outside the build context " + context
                        + ". Copy the file into the context instead of linking to it.");
            }
        }
        String contextPath = context != null ? SlashPaths.relative(slash(context.relativize(absolute))) : "";
        // an excluded folder may still be copied for what an exception re-includes inside it
        if (context != null && ignore.excludes(contextPath)
                && !(Files.isDirectory(real) && !contextPath.isEmpty() && ignore.mayIncludeUnder(contextPath))) {
            throw new LayerException("Source " + source + " is excluded by " + ignore.source().map(Path::toString).orElse("the ignore rules")
                    + ". Remove the matching pattern or add an exception (!" + contextPath + ").");
        }
        BasicFileAttributes attributes = attributes(real, source);
        if (attributes.isDirectory()) {
            if (!target.isEmpty()) {
                sink.accept(target, LayerEntry.directory(target, mode.orElseGet(() -> diskMode(real, attributes, true)), uid, gid,
                        attributes.lastModifiedTime().toInstant()));
            }
            HardLinks hardLinks = new HardLinks();
            walk(real, boundary.equals(absolute) ? real : realPath(boundary, boundary), absolute, contextPath, target, uid,
                    gid, mode, hardLinks);
            hardLinks.linkRepeats(sink);
        } else if (attributes.isRegularFile()) {
            if (target.isEmpty()) {
                throw new LayerException("Cannot copy the file " + source + " onto the image root; name a target path.");
            }
            sink.accept(target, LayerEntry.file(target, real, attributes.size(), mode.orElseGet(() -> diskMode(real, attributes, false)),
                    uid, gid, attributes.lastModifiedTime().toInstant()));
        } else {
            throw unsupported(source);
        }
    }

    /** How many source folders have been walked in this JVM so far (each walk of a whole tree counts one). */
    public static long walks() {
        return WALKS.sum();
    }

    private void walk(Path realDir, Path realBoundary, Path lexicalDir, String contextDir, String target, int uid, int gid,
            Optional<Integer> mode, HardLinks hardLinks) {
        WALKS.increment();
        new Walk(realDir, realBoundary, lexicalDir, contextDir, target, uid, gid, mode).run(hardLinks);
    }

    /**
     * One walk of a folder tree, not following links, by this thread and {@link ParallelWork#HELPERS} more from
     * the common pool, each listing whole folders: a large application is tens of thousands of
     * files, and stating them was most of an unchanged push. Each entry costs one {@code lstat},
     * whose POSIX attributes carry the permission bits too ({@link Files#walkFileTree} reads only
     * the basic ones, so the mode took a second {@code stat} per file). The order in which folders
     * are listed does not matter: the sink sorts, and hard links are resolved by path order.
     */
    private final class Walk {
        private final Path realDir;
        private final Path realBoundary;
        private final Path lexicalDir;
        private final String contextDir;
        private final String target;
        private final int uid;
        private final int gid;
        private final Optional<Integer> mode;
        /** Folders to list, and how many are queued or being listed. */
        private final ConcurrentLinkedDeque<Folder> pending = new ConcurrentLinkedDeque<>();
        private final AtomicInteger unfinished = new AtomicInteger();
        private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
        /** What each thread found, merged on the walking thread once every folder is listed. */
        private final Queue<List<Found>> found = new ConcurrentLinkedQueue<>();

        Walk(Path realDir, Path realBoundary, Path lexicalDir, String contextDir, String target, int uid, int gid,
                Optional<Integer> mode) {
            this.realDir = realDir;
            this.realBoundary = realBoundary;
            this.lexicalDir = lexicalDir;
            this.contextDir = contextDir;
            this.target = target;
            this.uid = uid;
            this.gid = gid;
            this.mode = mode;
        }

        void run(HardLinks hardLinks) {
            enqueue(realDir, "");
            for (int i = 0; i < ParallelWork.HELPERS; i++) {
                ForkJoinPool.commonPool().execute(() -> work(false));
            }
            // this thread stays until every folder is listed, helped or not
            work(true);
            RuntimeException failed = failure.get();
            if (failed != null) {
                throw failed;
            }
            for (List<Found> list : found) {
                for (Found f : list) {
                    deliver(f, hardLinks);
                }
            }
        }

        /**
         * Hands one entry to the sink. A method of its own, not the merging loop's body: the JIT
         * compiles a method called thousands of times at once, but runs a loop turned thousands of
         * times in one call interpreted until tens of thousands of turns.
         */
        private void deliver(Found f, HardLinks hardLinks) {
            sink.accept(f.path(), f.entry());
            if (f.fileKey() != null) {
                hardLinks.add(f.fileKey(), f.entry());
            }
        }

        /**
         * Lists queued folders until every folder is listed (one being listed may still queue more).
         * A helper that starts late finds nothing to do; after a failure, what is queued is dropped.
         */
        private void work(boolean walking) {
            List<Found> mine = null;
            long idle = ParallelWork.IDLE_MIN_NANOS;
            while (unfinished.get() > 0) {
                Folder next = walking ? pending.pollLast() : pending.pollFirst();
                if (next == null) {
                    idle = ParallelWork.pause(idle);
                    continue;
                }
                idle = ParallelWork.IDLE_MIN_NANOS;
                try {
                    if (failure.get() == null) {
                        if (mine == null) {
                            mine = new ArrayList<>();
                            found.add(mine); // before the count drops: the walking thread merges only once it is 0
                        }
                        folder(next.dir(), next.rel(), mine);
                    }
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                } finally {
                    unfinished.decrementAndGet();
                }
            }
        }

        private void enqueue(Path dir, String rel) {
            unfinished.incrementAndGet();
            pending.addLast(new Folder(dir, rel));
        }

        /** The entries of {@code dir}, whose path below the walked folder is {@code rel} ({@code ""} for the top). */
        private void folder(Path dir, String rel, List<Found> out) {
            // an entry's path is the folder's plus its name, joined once per folder, not per file
            String folderPath = SlashPaths.join(target, rel);
            String pathPrefix = folderPath.isEmpty() ? "" : folderPath + "/";
            boolean filtered = context != null && !ignore.excludesNothing();
            String dirText = dir.toString();
            int nameAt = dirText.endsWith("/") ? dirText.length() : dirText.length() + 1;
            try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
                for (Path child : children) {
                    String name = name(child, dirText, nameAt);
                    String path;
                    if (name.indexOf('\uFFFD') >= 0 || name.indexOf('?') >= 0) {
                        // a name the platform could not decode is read again as the bytes on disk
                        String raw = RawNames.relative(realDir, child);
                        name = raw.substring(raw.lastIndexOf('/') + 1);
                        path = SlashPaths.join(target, raw);
                    } else {
                        path = pathPrefix + name;
                    }
                    boolean excluded = false;
                    if (filtered) {
                        String inContext = SlashPaths.join(contextDir, relative(path));
                        excluded = ignore.excludes(inContext);
                        // an excluded folder is still walked (without its own entry) when an exception may include something inside
                        if (excluded && !ignore.mayIncludeUnder(inContext)) {
                            continue;
                        }
                    }
                    BasicFileAttributes attrs = lstat(child);
                    if (!excluded) {
                        visit(dir, child, name, path, attrs, out);
                    } else if (attrs.isDirectory()) {
                        enqueue(child, relative(path));
                    }
                }
            } catch (IOException | DirectoryIteratorException e) {
                throw new LayerException("Cannot read the folder " + (dir.equals(realDir) ? lexicalDir : dir) + ": "
                        + (e instanceof DirectoryIteratorException d ? d.getCause() : e)
                        + ". Check its permissions or exclude it in .dockerignore.", e);
            }
        }

        /**
         * A child's name: its text after the folder's. {@code getFileName()} would parse the whole
         * path into elements for every file (about a tenth of the JIT's work in an unchanged push).
         */
        private static String name(Path child, String dirText, int nameAt) {
            String text = child.toString();
            return text.length() > nameAt && text.startsWith(dirText) && text.charAt(nameAt - 1) == '/' ? text.substring(nameAt)
                    : child.getFileName().toString();
        }

        /** An entry's path below the walked folder, from its path in the image. */
        private String relative(String path) {
            return target.isEmpty() ? path : path.substring(target.length() + 1);
        }

        private void visit(Path dir, Path child, String name, String path, BasicFileAttributes attrs, List<Found> out) {
            if (attrs.isDirectory()) {
                out.add(new Found(path, LayerEntry.directory(path, mode.isPresent() ? mode.get() : diskMode(child, attrs, true), uid, gid,
                        attrs.lastModifiedTime().toInstant()), null));
                enqueue(child, relative(path));
            } else if (attrs.isSymbolicLink()) {
                String linkTarget = readLink(child);
                if (!keepOutsideLinks) {
                    checkLink(child, linkTarget, realBoundary, lexicalDir.resolve(realDir.relativize(child)));
                }
                out.add(new Found(path, LayerEntry.symlink(path, linkTarget, uid, gid, attrs.lastModifiedTime().toInstant()), null));
            } else if (attrs.isRegularFile()) {
                // the folder's Path is shared by its files; a name that is not ASCII might not come back
                // to the same bytes through a String, so such a file keeps its own Path
                int fileMode = mode.isPresent() ? mode.get() : diskMode(child, attrs, false);
                Instant modified = attrs.lastModifiedTime().toInstant();
                LayerEntry entry = isAscii(name)
                        ? LayerEntry.file(path, dir, name, attrs.size(), fileMode, uid, gid, modified)
                        : LayerEntry.file(path, child, attrs.size(), fileMode, uid, gid, modified);
                out.add(new Found(path, entry, attrs.fileKey()));
            } else {
                throw unsupported(child);
            }
        }
    }

    /** A folder still to list. */
    private record Folder(Path dir, String rel) {
    }

    /** An entry found by a walk, with the file's identity on disk when it is a regular file (for hard links). */
    private record Found(String path, LayerEntry entry, Object fileKey) {
    }

    /** POSIX attributes where the file system has them (one system call for the mode too), else basic ones. */
    private static BasicFileAttributes lstat(Path file) {
        try {
            try {
                return Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (UnsupportedOperationException notPosix) {
                return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            }
        } catch (IOException e) {
            throw new LayerException("Cannot read " + file + ": " + e + ". Check its permissions or exclude it in .dockerignore.", e);
        }
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            throw new LayerException("Cannot read the link " + link + ": " + e + ". Check its permissions or exclude it in .dockerignore.", e);
        }
    }

    /** A link is kept only when it resolves, lexically, inside the boundary. */
    private static void checkLink(Path link, String linkTarget, Path realBoundary, Path shownLink) {
        Path resolved = link.getParent().resolve(linkTarget).normalize();
        if (Path.of(linkTarget).isAbsolute() || !resolved.startsWith(realBoundary)) {
            throw new LayerException("Symbolic link " + shownLink + " points to " + linkTarget + " (" + resolved
                    + "), outside the build context " + realBoundary
                    + ". Replace the link with a copy of what it points to, make it point inside the context, or exclude it in .dockerignore.");
        }
    }

    /** The mode an entry gets from its file on disk: exact, or normalised. */
    private int diskMode(Path file, BasicFileAttributes attrs, boolean directory) {
        int bits = permissionBits(file, attrs);
        return modesFromDisk ? bits : normalisedMode(bits, directory);
    }

    /**
     * {@code 0755} for folders and files their owner may execute, else {@code 0644} — the same on
     * every machine whatever its umask — but never wider than on disk: a class (group, others) that
     * may not read the file gets nothing, so a {@code 0600} key stays {@code 0600}.
     */
    public static int normalisedMode(int bits, boolean directory) {
        int mode = directory || (bits & 0100) != 0 ? 0755 : 0644;
        if ((bits & 040) == 0) {
            mode &= ~070;
        }
        if ((bits & 04) == 0) {
            mode &= ~07;
        }
        return mode;
    }

    /** Uses the walk's attributes when they carry permissions (they do on Unix): no extra system call. */
    private static int permissionBits(Path file, BasicFileAttributes attrs) {
        Set<PosixFilePermission> permissions;
        if (attrs instanceof PosixFileAttributes posix) {
            permissions = posix.permissions();
        } else {
            try {
                permissions = Files.getPosixFilePermissions(file);
            } catch (UnsupportedOperationException | IOException e) {
                return Files.isExecutable(file) || attrs.isDirectory() ? 0755 : 0644;
            }
        }
        int bits = 0;
        for (PosixFilePermission permission : permissions) {
            bits |= 0400 >> permission.ordinal();
        }
        return bits;
    }

    private static Path realPath(Path path, Path shown) {
        try {
            return path.toRealPath();
        } catch (NoSuchFileException e) {
            throw new LayerException("Source " + shown + " does not exist" + (Files.isSymbolicLink(path) ? " (it is a broken symbolic link)" : "")
                    + ". Check the path, relative to the build context.", e);
        } catch (IOException e) {
            throw new LayerException("Cannot read " + shown + ": " + e.getMessage(), e);
        }
    }

    private static BasicFileAttributes attributes(Path path, Path shown) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new LayerException("Cannot read " + shown + ": " + e.getMessage(), e);
        }
    }

    private static LayerException unsupported(Path file) {
        return new LayerException(file + " is neither a regular file, a directory nor a symbolic link (a socket, pipe or device)"
                + "; a layer cannot hold it. Exclude it in .dockerignore or move it out of the folder.");
    }

    private static String slash(Path relative) {
        return slash(relative.toString());
    }

    private static String slash(String relative) {
        return relative.replace(File.separatorChar, '/');
    }

    private static boolean isAscii(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
