package io.github.ecrtoolkit.core.layer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import io.github.ecrtoolkit.core.layer.internal.SlashPaths;

/**
 * One file, directory or symbolic link of a layer: where it lands in the image, where its bytes
 * come from, and the metadata the tar records. Usually made by {@link LayerSpec.Builder}.
 *
 * <pre>{@code
 * LayerEntry jar = LayerEntry.file("app/app.jar", Path.of("target/app.jar"), 0644, 0, 0);
 * }</pre>
 *
 * <p>Immutable. The path is relative to the image root, {@code /}-separated, without a
 * leading or trailing slash. Small on purpose: a layer of 50,000 files holds 50,000 entries until
 * it is written, so an entry keeps its source as the folder's {@link Path} (shared by the entries of
 * one folder) and a name, and its modification time as two numbers.
 */
public final class LayerEntry implements Comparable<LayerEntry> {

    /** What kind of tar entry this is. */
    public enum Type {
        FILE, DIRECTORY, SYMLINK,
        /** Another name for a file written earlier in the same layer ({@link #linkTarget()}), as {@code ln} makes. */
        HARD_LINK
    }

    /** {@link #modifiedSeconds} when there is no modification time. */
    private static final long NO_TIME = Long.MIN_VALUE;
    /** {@link #sourceName} when the source's name is the last element of the entry's path, as in a walked folder: not kept twice (compared by identity). */
    private static final String NAME_IN_PATH = new String("(last element of the path)");

    private final Type type;
    private final String path;
    /** The source file, or its folder when {@link #sourceName} is set. */
    private final Path source;
    /** The source's file name in the folder {@link #source}, or {@link #NAME_IN_PATH}, or {@code null}. */
    private final String sourceName;
    private final byte[] content;
    private final long size;
    private final int mode;
    private final int uid;
    private final int gid;
    private final String linkTarget;
    private final long modifiedSeconds;
    private final int modifiedNanos;

    private LayerEntry(Type type, String path, Path source, String sourceName, byte[] content, long size, int mode, int uid,
            int gid, String linkTarget, long modifiedSeconds, int modifiedNanos) {
        this.type = type;
        this.path = imagePath(path);
        this.source = source;
        this.sourceName = sourceName != null && this.path.endsWith(sourceName)
                && (this.path.length() == sourceName.length() || this.path.charAt(this.path.length() - sourceName.length() - 1) == '/')
                ? NAME_IN_PATH : sourceName;
        this.content = content;
        this.size = size;
        this.mode = checkMode(mode);
        this.uid = checkId(uid, "uid");
        this.gid = checkId(gid, "gid");
        this.linkTarget = linkTarget;
        this.modifiedSeconds = modifiedSeconds;
        this.modifiedNanos = modifiedNanos;
    }

    /**
     * A regular file whose bytes are read from {@code source} when the layer is written.
     *
     * @throws LayerException when {@code source} cannot be read
     */
    public static LayerEntry file(String path, Path source, int mode, int uid, int gid) {
        Objects.requireNonNull(source, "source");
        try {
            var attributes = Files.readAttributes(source, BasicFileAttributes.class);
            return file(path, source, attributes.size(), mode, uid, gid, attributes.lastModifiedTime().toInstant());
        } catch (IOException e) {
            throw new LayerException("Cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    /**
     * A regular file of {@code size} bytes read from {@code source}; {@code sourceModified} is
     * kept for caches and never written to the tar.
     */
    public static LayerEntry file(String path, Path source, long size, int mode, int uid, int gid, Instant sourceModified) {
        return sourced(path, Objects.requireNonNull(source, "source"), null, size, mode, uid, gid, sourceModified);
    }

    /**
     * A regular file of {@code size} bytes read from {@code name} in {@code folder}. Entries of one
     * folder given the same {@code folder} object share it, which keeps a layer of many files small
     * until it is written; {@link #source()} is {@code folder.resolve(name)}.
     *
     * @param name a file name, without a separator
     */
    public static LayerEntry file(String path, Path folder, String name, long size, int mode, int uid, int gid,
            Instant sourceModified) {
        Objects.requireNonNull(folder, "folder");
        if (Objects.requireNonNull(name, "name").isEmpty() || name.indexOf('/') >= 0) {
            throw new IllegalArgumentException("'" + name + "' is not a file name");
        }
        return sourced(path, folder, name, size, mode, uid, gid, sourceModified);
    }

    private static LayerEntry sourced(String path, Path source, String name, long size, int mode, int uid, int gid,
            Instant sourceModified) {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative, was " + size);
        }
        Objects.requireNonNull(sourceModified, "sourceModified");
        return new LayerEntry(Type.FILE, path, source, name, null, size, mode, uid, gid, null, sourceModified.getEpochSecond(),
                sourceModified.getNano());
    }

    /** A regular file holding {@code content} (copied), e.g. a generated file. */
    public static LayerEntry content(String path, byte[] content, int mode, int uid, int gid) {
        byte[] copy = content.clone();
        return new LayerEntry(Type.FILE, path, null, null, copy, copy.length, mode, uid, gid, null, NO_TIME, 0);
    }

    /** A directory. */
    public static LayerEntry directory(String path, int mode, int uid, int gid) {
        return new LayerEntry(Type.DIRECTORY, path, null, null, null, 0, mode, uid, gid, null, NO_TIME, 0);
    }

    /** A directory whose source folder was modified at {@code modified} (written only into build contexts). */
    public static LayerEntry directory(String path, int mode, int uid, int gid, Instant modified) {
        return new LayerEntry(Type.DIRECTORY, path, null, null, null, 0, mode, uid, gid, null, modified.getEpochSecond(),
                modified.getNano());
    }

    /** A symbolic link to {@code linkTarget}, which is stored as given. */
    public static LayerEntry symlink(String path, String linkTarget, int uid, int gid) {
        return symlink(path, linkTarget, uid, gid, null);
    }

    /** A symbolic link whose source was modified at {@code modified} (written only into build contexts). */
    public static LayerEntry symlink(String path, String linkTarget, int uid, int gid, Instant modified) {
        if (Objects.requireNonNull(linkTarget, "linkTarget").isEmpty()) {
            throw new IllegalArgumentException("symbolic link " + path + " has an empty target");
        }
        return new LayerEntry(Type.SYMLINK, path, null, null, null, 0, 0777, uid, gid, linkTarget,
                modified == null ? NO_TIME : modified.getEpochSecond(), modified == null ? 0 : modified.getNano());
    }

    /**
     * This file entry as a hard link to {@code firstPath}, where the same file (same device and
     * inode) was written earlier in the layer; the source is kept, so {@link #asFile()} undoes it.
     */
    public LayerEntry asHardLinkTo(String firstPath) {
        if (type != Type.FILE || source == null) {
            throw new IllegalStateException(this + " is not a file read from disk");
        }
        return new LayerEntry(Type.HARD_LINK, path, source, sourceName == NAME_IN_PATH ? lastElement(path) : sourceName, null, size,
                mode, uid, gid, imagePath(firstPath), modifiedSeconds, modifiedNanos);
    }

    /** A {@link Type#HARD_LINK} as the file it names (its first path was replaced); others unchanged. */
    public LayerEntry asFile() {
        if (type != Type.HARD_LINK) {
            return this;
        }
        return new LayerEntry(Type.FILE, path, source, sourceName == NAME_IN_PATH ? lastElement(path) : sourceName, null, size, mode,
                uid, gid, null, modifiedSeconds, modifiedNanos);
    }

    private static String lastElement(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    public Type type() {
        return type;
    }

    /** Path in the image, e.g. {@code app/lib/x.jar}. */
    public String path() {
        return path;
    }

    /** The file on disk whose bytes a {@link Type#FILE} (or {@link Type#HARD_LINK}) entry holds, if it is not in-memory content. */
    public Optional<Path> source() {
        return Optional.ofNullable(sourcePath());
    }

    /**
     * The folder of the file whose bytes this entry holds. The files a walk finds in one folder
     * share that folder's {@code Path}, so a cache key writes each folder once, not every file's
     * whole path.
     *
     * <pre>{@code
     * entry.sourceFolder().map(dir -> dir.resolve(entry.sourceName().orElseThrow()))  // == entry.source()
     * }</pre>
     */
    public Optional<Path> sourceFolder() {
        if (sourceName == null) {
            return source == null ? Optional.empty() : Optional.ofNullable(source.getParent());
        }
        return Optional.of(source);
    }

    /** The name of that file in {@link #sourceFolder()}, without making a {@code Path}. */
    public Optional<String> sourceName() {
        if (sourceName == null) {
            return Optional.ofNullable(source).map(Path::getFileName).map(Path::toString);
        }
        return Optional.of(sourceName == NAME_IN_PATH ? path.substring(path.lastIndexOf('/') + 1) : sourceName);
    }

    private Path sourcePath() {
        if (sourceName == null) {
            return source;
        }
        return source.resolve(sourceName == NAME_IN_PATH ? path.substring(path.lastIndexOf('/') + 1) : sourceName);
    }

    /** In-memory bytes of a {@link Type#FILE} entry made by {@link #content}, copied. */
    public Optional<byte[]> content() {
        return Optional.ofNullable(content).map(byte[]::clone);
    }

    /** Bytes of a file entry; 0 for directories and links (a hard link's bytes are its first path's). */
    public long size() {
        return type == Type.HARD_LINK ? 0 : size;
    }

    /** Permission bits (including setuid/setgid/sticky), e.g. {@code 0644}. */
    public int mode() {
        return mode;
    }

    public int uid() {
        return uid;
    }

    public int gid() {
        return gid;
    }

    /** Target of a {@link Type#SYMLINK}, or the first path of a {@link Type#HARD_LINK}. */
    public Optional<String> linkTarget() {
        return Optional.ofNullable(linkTarget);
    }

    /** Modification time of the source, for caches; written only into build contexts ({@link LayerBlobWriter.Builder#sourceModificationTimes}). */
    public Optional<Instant> sourceModified() {
        return modifiedSeconds == NO_TIME ? Optional.empty() : Optional.of(Instant.ofEpochSecond(modifiedSeconds, modifiedNanos));
    }

    /** This entry with another mode and owner. */
    public LayerEntry with(int newMode, int newUid, int newGid) {
        return new LayerEntry(type, path, source, sourceName, content, size, type == Type.SYMLINK ? 0777 : newMode, newUid, newGid,
                linkTarget, modifiedSeconds, modifiedNanos);
    }

    /** Orders by path, so a parent directory comes before what it holds. */
    @Override
    public int compareTo(LayerEntry other) {
        return path.compareTo(other.path);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LayerEntry e && type == e.type && path.equals(e.path) && Objects.equals(sourcePath(), e.sourcePath())
                && Arrays.equals(content, e.content) && size == e.size && mode == e.mode && uid == e.uid && gid == e.gid
                && Objects.equals(linkTarget, e.linkTarget) && modifiedSeconds == e.modifiedSeconds && modifiedNanos == e.modifiedNanos;
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, path, sourcePath(), size, mode, uid, gid, linkTarget);
    }

    @Override
    public String toString() {
        return type.name().toLowerCase(Locale.ROOT) + " /" + path + " " + Integer.toOctalString(mode) + " " + uid
                + ":" + gid + (linkTarget != null ? " -> " + linkTarget : "") + (source != null ? " from " + sourcePath() : "");
    }

    private static String imagePath(String path) {
        String relative = SlashPaths.relative(Objects.requireNonNull(path, "path"));
        if (relative.isEmpty() || relative.startsWith("..")) {
            throw new IllegalArgumentException("'" + path + "' is not a path inside the image");
        }
        return relative;
    }

    private static int checkMode(int mode) {
        if (mode < 0 || mode > 07777) {
            throw new IllegalArgumentException("mode must be within 0..07777, was 0" + Integer.toOctalString(mode));
        }
        return mode;
    }

    private static int checkId(int id, String what) {
        if (id < 0) {
            throw new IllegalArgumentException(what + " must not be negative, was " + id);
        }
        return id;
    }
}
