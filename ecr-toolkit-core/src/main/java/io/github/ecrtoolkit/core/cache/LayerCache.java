package io.github.ecrtoolkit.core.cache;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.github.ecrtoolkit.core.layer.internal.HashingOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local, content-addressed cache of compressed layers: {@link LayerKey} (the layer's inputs and
 * settings) to diff id, digest, size and the compressed blob. An unchanged layer is then neither
 * tarred nor compressed again. Safe for several threads and several processes at once: a layer is
 * computed under a per-key lock (tried and polled, never a blocking file lock, so processes cannot
 * deadlock), and every file appears by atomic rename, whole or not at all. Entries that cannot be
 * read are misses; temporary files a killed process left are removed when a cache is opened.
 *
 * <pre>{@code
 * LayerCache cache = LayerCache.atDefaultLocation();    // ~/.cache/ecr-toolkit
 * CachedLayer layer = cache.computeIfAbsent(key, Compression.OCI_GZIP, blobOut -> writeLayer(blobOut));
 * }</pre>
 *
 * <p>Layout under the root: {@code v1/blobs/sha256/<hex>} (compressed blobs),
 * {@code v1/layers/<key>} (a small properties file), {@code v1/locks/}, {@code v1/tmp/}. Deleting
 * the folder (when no build runs) is always safe.
 */
public final class LayerCache {

    /** Environment variable that moves the default cache folder. */
    public static final String ENV = "ECR_TOOLKIT_CACHE";
    private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    /** Temp files are {@code <key hex>~<random>.blob}: the key tells which lock guards them. */
    private static final String TEMP_SEPARATOR = "~";
    /** Same-JVM exclusion: a file lock is per process, so threads of one process queue here first. */
    private static final Map<Path, ReentrantLock> LOCAL_LOCKS = new ConcurrentHashMap<>();

    private final Path root;
    private final Path blobs;
    private final Path layers;
    private final Path locks;
    private final Path tmp;

    private LayerCache(Path root) {
        this.root = root.toAbsolutePath().normalize();
        Path v1 = this.root.resolve("v1");
        this.blobs = v1.resolve("blobs/sha256");
        this.layers = v1.resolve("layers");
        this.locks = v1.resolve("locks");
        this.tmp = v1.resolve("tmp");
    }

    /**
     * The cache at {@code $ECR_TOOLKIT_CACHE}, else {@code $XDG_CACHE_HOME/ecr-toolkit}, else
     * {@code ~/.cache/ecr-toolkit}.
     *
     * @throws LayerCacheException if the folder cannot be created
     */
    public static LayerCache atDefaultLocation() {
        return at(defaultLocation(System.getenv(), System.getProperty("user.home")));
    }

    /**
     * The cache in {@code folder}, created if missing.
     *
     * @throws LayerCacheException if the folder cannot be created
     */
    public static LayerCache at(Path folder) {
        LayerCache cache = new LayerCache(Objects.requireNonNull(folder, "folder"));
        try {
            Files.createDirectories(cache.blobs);
            Files.createDirectories(cache.layers);
            Files.createDirectories(cache.locks);
            Files.createDirectories(cache.tmp);
        } catch (IOException e) {
            throw new LayerCacheException(cache.root, "cannot create the cache folders", e);
        }
        cache.removeStaleTempFiles();
        return cache;
    }

    /**
     * Removes temporary files that a killed process left (a blob half written can be large). A temp
     * file is named after its key; when that key's lock is free, nobody is writing it.
     */
    private void removeStaleTempFiles() {
        try (var files = Files.list(tmp)) {
            files.forEach(this::removeIfStale);
        } catch (IOException | UncheckedIOException e) {
            Log.LOG.debug("Could not list {}: {}", tmp, e.toString());
        }
    }

    private void removeIfStale(Path temp) {
        String name = temp.getFileName().toString();
        int end = name.indexOf(TEMP_SEPARATOR);
        if (end != 64 || !HEX64.matcher(name.substring(0, 64)).matches()) {
            return; // not ours
        }
        Path lockFile = locks.resolve(name.substring(0, 64) + ".lock");
        ReentrantLock local = LOCAL_LOCKS.computeIfAbsent(lockFile, f -> new ReentrantLock());
        if (!local.tryLock()) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock != null) {
                Files.deleteIfExists(temp);
            }
        } catch (IOException | OverlappingFileLockException e) {
            Log.LOG.debug("Left {} in place: {}", temp, e.toString());
        } finally {
            local.unlock();
        }
    }

    static Path defaultLocation(Map<String, String> env, String home) {
        String explicit = env.get(ENV);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "ecr-toolkit");
        }
        return Path.of(home, ".cache", "ecr-toolkit");
    }

    /** The cache's root folder. */
    public Path root() {
        return root;
    }

    /**
     * The layer made from {@code key}, if cached and its blob is present at the right size. An entry
     * that cannot be read or parsed is a miss (with a warning): it is written again. The blob's
     * bytes are not read here; an upload checks them against the digest as they stream.
     */
    public Optional<CachedLayer> find(LayerKey key) {
        Path entry = layers.resolve(key.hex());
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(entry, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            // garbage bytes (not UTF-8), a bad unicode escape, a folder in its place: written again
            Log.LOG.warn("Ignoring unreadable layer cache entry {}: {}; the layer is written again", entry, e.toString());
            return Optional.empty();
        }
        String digest = p.getProperty("digest", "");
        String diffId = p.getProperty("diffId", "");
        String mediaType = p.getProperty("mediaType", "");
        long size;
        try {
            size = Long.parseLong(p.getProperty("size", "-1"));
        } catch (NumberFormatException e) {
            size = -1;
        }
        if (size < 0 || !SHA256.matcher(digest).matches() || !SHA256.matcher(diffId).matches() || mediaType.isEmpty()) {
            Log.LOG.warn("Ignoring malformed layer cache entry {}; the layer is written again", entry);
            return Optional.empty();
        }
        Path blob = blobs.resolve(digest.substring(7));
        try {
            if (Files.size(blob) != size) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(new CachedLayer(digest, diffId, size, mediaType, blob));
    }

    /** The cached blob with this digest, if any (for an upload that knows only the digest). */
    public Optional<Path> blob(String digest) {
        if (!SHA256.matcher(digest).matches()) {
            return Optional.empty();
        }
        Path blob = blobs.resolve(digest.substring(7));
        return Files.isRegularFile(blob) ? Optional.of(blob) : Optional.empty();
    }

    /**
     * The cached layer for {@code key}; when missing, {@code writer} writes the compressed blob
     * once (other threads and processes asking for the same key wait, then share the result).
     * The digest and size of what it writes are taken on the way; it returns the diff id.
     *
     * @throws LayerCacheException if the cache folder fails, or the writer fails (nothing is cached then)
     */
    public CachedLayer computeIfAbsent(LayerKey key, String mediaType, BlobWriter writer) {
        Optional<CachedLayer> hit = find(key);
        if (hit.isPresent()) {
            return hit.get();
        }
        return underLock(key, () -> find(key).orElseGet(() -> compute(key, mediaType, writer)));
    }

    /**
     * Replaces the entry of {@code key} whose blob was found not to match its digest (an upload
     * noticed): the blob and the entry are removed and {@code writer} writes the layer again. When
     * another thread or process repaired it meanwhile, its intact result is returned instead. Reads
     * the cached blob once to tell; this path runs only after a mismatch.
     *
     * @throws LayerCacheException if the cache folder fails, or the writer fails
     */
    public CachedLayer rewrite(LayerKey key, String mediaType, BlobWriter writer) {
        return underLock(key, () -> {
            Optional<CachedLayer> cached = find(key);
            if (cached.isPresent() && matchesDigest(cached.get())) {
                return cached.get();
            }
            try {
                Files.deleteIfExists(layers.resolve(key.hex()));
                if (cached.isPresent()) {
                    Files.deleteIfExists(cached.get().blob());
                }
            } catch (IOException e) {
                throw new LayerCacheException(root, "cannot remove corrupt cache entry " + key.hex(), e);
            }
            return compute(key, mediaType, writer);
        });
    }

    private static boolean matchesDigest(CachedLayer layer) {
        try (InputStream in = Files.newInputStream(layer.blob());
             HashingOutputStream hash = new HashingOutputStream(OutputStream.nullOutputStream())) {
            in.transferTo(hash);
            return hash.digest().equals(layer.digest());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Runs {@code action} holding the key's lock: first this process's (threads queue there), then
     * the file lock that other processes see. The file lock is only ever tried, never waited for in
     * the kernel: a blocking POSIX lock is per process, so two processes each holding one key while
     * waiting for another's looked like a deadlock to the kernel ({@code EDEADLK}) although their
     * threads were independent. Polling with a capped backoff cannot fail that way.
     */
    private <T> T underLock(LayerKey key, Supplier<T> action) {
        Path lockFile = locks.resolve(key.hex() + ".lock");
        ReentrantLock local = LOCAL_LOCKS.computeIfAbsent(lockFile, f -> new ReentrantLock());
        local.lock();
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = waitFor(channel, key)) {
            return action.get();
        } catch (IOException e) {
            throw new LayerCacheException(root, "cannot lock cache entry " + key.hex(), e);
        } finally {
            local.unlock();
        }
    }

    private static FileLock waitFor(FileChannel channel, LayerKey key) throws IOException {
        long pause = 2;
        long since = System.nanoTime();
        boolean told = false;
        for (FileLock lock; ; ) {
            lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
            if (!told && System.nanoTime() - since > 10_000_000_000L) {
                told = true;
                Log.LOG.info("Waiting for another process to finish writing layer {} into the cache", key);
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for cache entry " + key.hex());
            }
            pause = Math.min(pause * 2, 100);
        }
    }

    private CachedLayer compute(LayerKey key, String mediaType, BlobWriter writer) {
        Path temp = null;
        try {
            temp = Files.createTempFile(tmp, key.hex() + TEMP_SEPARATOR, ".blob");
            String diffId;
            HashingOutputStream counted;
            try (HashingOutputStream out = new HashingOutputStream(
                    new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16))) {
                counted = out;
                diffId = writer.write(new NonClosingOutputStream(out)); // a compressor closes its stream; we close the file
            }
            if (diffId == null || !SHA256.matcher(diffId).matches()) {
                throw new IllegalStateException("the layer writer returned " + diffId + " for the diff id, not sha256:<hex>");
            }
            String digest = counted.digest();
            String hex = digest.substring("sha256:".length());
            Path blob = blobs.resolve(hex);
            moveAtomically(temp, blob);
            temp = null;
            Properties p = new Properties();
            p.setProperty("digest", digest);
            p.setProperty("diffId", diffId);
            p.setProperty("size", Long.toString(counted.count()));
            p.setProperty("mediaType", mediaType);
            Path entryTemp = Files.createTempFile(tmp, key.hex() + TEMP_SEPARATOR, ".layer");
            try (Writer w = Files.newBufferedWriter(entryTemp, StandardCharsets.UTF_8)) {
                p.store(w, null);
            }
            moveAtomically(entryTemp, layers.resolve(key.hex()));
            return new CachedLayer(digest, diffId, counted.count(), mediaType, blob);
        } catch (IOException | UncheckedIOException e) {
            throw new LayerCacheException(root, "cannot write layer " + key.hex(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a stray temp file is harmless; the next start of a cache here removes it
                }
            }
        }
    }

    /** Same content under the same name is fine: blobs are content-addressed. */
    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public String toString() {
        return "LayerCache[" + root + "]";
    }

    /** Looked up on first use: no logging back end starts on a push that logs nothing. */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(LayerCache.class);
    }

    /** Writes a layer's compressed blob and returns its diff id ({@code sha256:<hex>} of the tar). */
    @FunctionalInterface
    public interface BlobWriter {
        /**
         * @param compressedOut where the compressed blob goes; closing it is allowed and harmless
         * @return the diff id, {@code sha256:<hex>} of the uncompressed tar
         * @throws IOException if reading the inputs or writing fails
         */
        String write(OutputStream compressedOut) throws IOException;
    }
}
