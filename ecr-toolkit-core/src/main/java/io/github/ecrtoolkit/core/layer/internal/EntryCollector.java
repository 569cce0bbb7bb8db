package io.github.ecrtoolkit.core.layer.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;

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
        BasicFileAttributes attributes = attributes(real, source, true);
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
        String root = realDir.toString();
        int prefix = root.endsWith(File.separator) ? root.length() : root.length() + 1;
        try {
            Files.walkFileTree(realDir, new SimpleFileVisitor<>() {
                /** The folders being walked, innermost first: their files' entries share the folder's Path. */
                private final Deque<Path> folders = new ArrayDeque<>();

                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    folders.push(dir);
                    if (dir.equals(realDir)) {
                        return FileVisitResult.CONTINUE;
                    }
                    String rel = relative(dir);
                    if (excluded(rel)) {
                        if (ignore.mayIncludeUnder(SlashPaths.join(contextDir, rel))) {
                            return FileVisitResult.CONTINUE;
                        }
                        folders.pop(); // a skipped folder is not post-visited
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    String path = SlashPaths.join(target, rel);
                    sink.accept(path, LayerEntry.directory(path, mode.orElseGet(() -> diskMode(dir, attrs, true)), uid, gid,
                            attrs.lastModifiedTime().toInstant()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    String rel = relative(file);
                    if (excluded(rel)) {
                        return FileVisitResult.CONTINUE;
                    }
                    String path = SlashPaths.join(target, rel);
                    if (attrs.isSymbolicLink()) {
                        String linkTarget = Files.readSymbolicLink(file).toString();
                        if (!keepOutsideLinks) {
                            checkLink(file, linkTarget, realBoundary, lexicalDir.resolve(realDir.relativize(file)));
                        }
                        sink.accept(path, LayerEntry.symlink(path, linkTarget, uid, gid, attrs.lastModifiedTime().toInstant()));
                    } else if (attrs.isRegularFile()) {
                        // the folder's Path is shared by its files; a name that is not ASCII might not come back
                        // to the same bytes through a String, so such a file keeps the Path the walk gave
                        String name = rel.substring(rel.lastIndexOf('/') + 1);
                        int fileMode = mode.orElseGet(() -> diskMode(file, attrs, false));
                        Instant modified = attrs.lastModifiedTime().toInstant();
                        LayerEntry entry = isAscii(name)
                                ? LayerEntry.file(path, folders.peek(), name, attrs.size(), fileMode, uid, gid, modified)
                                : LayerEntry.file(path, file, attrs.size(), fileMode, uid, gid, modified);
                        sink.accept(path, entry);
                        hardLinks.add(attrs.fileKey(), entry);
                    } else if (attrs.isDirectory()) {
                        sink.accept(path, LayerEntry.directory(path, mode.orElseGet(() -> diskMode(file, attrs, true)), uid, gid,
                                attrs.lastModifiedTime().toInstant()));
                    } else {
                        throw unsupported(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    folders.pop();
                    return super.postVisitDirectory(dir, e);
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    throw new LayerException("Cannot read " + file + ": " + e + ". Check its permissions or exclude it in .dockerignore.", e);
                }

                /**
                 * The path below the walked folder, from the text (the walk's paths all start with it);
                 * a name the platform could not decode is read again as the bytes on disk.
                 */
                private String relative(Path path) {
                    String rel = slash(path.toString().substring(prefix));
                    return rel.indexOf('\uFFFD') >= 0 || rel.indexOf('?') >= 0 ? RawNames.relative(realDir, path) : rel;
                }

                private boolean excluded(String rel) {
                    return context != null && ignore.excludes(SlashPaths.join(contextDir, rel));
                }
            });
        } catch (IOException e) {
            throw new LayerException("Cannot read the folder " + lexicalDir + ": " + e.getMessage(), e);
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

    private static BasicFileAttributes attributes(Path path, Path shown, boolean follow) {
        try {
            return follow ? Files.readAttributes(path, BasicFileAttributes.class)
                    : Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
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
