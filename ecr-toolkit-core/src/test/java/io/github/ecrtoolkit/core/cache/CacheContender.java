package io.github.ecrtoolkit.core.cache;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A second process for {@link LayerCacheTest}: computes one key, slowly, and prints the digest. */
public final class CacheContender {

    private CacheContender() {
    }

    public static void main(String[] args) throws Exception {
        LayerCache cache = LayerCache.at(Path.of(args[0]));
        Path log = Path.of(args[1]);
        LayerKey key = LayerKey.builder().setting("test", args[2]).build();
        CachedLayer layer = cache.computeIfAbsent(key, "application/x-test", out -> {
            Files.writeString(log, "computed\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            try {
                Thread.sleep(400); // long enough that the other process arrives while this one computes
            } catch (InterruptedException e) {
                throw new java.io.InterruptedIOException();
            }
            out.write("same bytes from either process".getBytes(StandardCharsets.UTF_8));
            return LayerCacheTest.DIFF_ID;
        });
        System.out.println(layer.digest());
    }
}
