package io.github.ecrtoolkit.core.build.internal;

import java.util.concurrent.CompletableFuture;

import io.github.ecrtoolkit.core.image.ImageJson;
import io.github.ecrtoolkit.core.registry.internal.RegistrySession;

/**
 * The startup tricks of a push, in one place. A short push is dominated by class loading and the
 * first round trip, so while the caller's thread walks the context these start on the session's
 * executor:
 * <ul>
 *   <li>the registry's HTTP client and its auth probe ({@code GET /v2/}): building the client loads
 *       about 300 classes (0.1–0.2 s on the benchmark machine), and the probe is a round trip the
 *       first blob check would otherwise wait for;</li>
 *   <li>the JSON mapper, only when the image needs it (a base image set in code): 0.16 s. A scratch
 *       image never needs it (its config and manifest are written by {@code JsonWriter}), so it is
 *       not loaded then.</li>
 * </ul>
 * The others, where they must live:
 * <ul>
 *   <li>the HTTP client is built on first use, TLS set up on the first TLS connection
 *       ({@code LazyTlsStrategy}: about 0.2 s wasted on a plain-HTTP loopback registry), cookies,
 *       content decoding and auth caching off (about 60 classes);</li>
 *   <li>core is compiled with {@code -XDstringConcat=inline} (its pom): the default spins a class
 *       per concatenation site at first use, about 170 classes and 0.3 s of CPU in a short push;</li>
 *   <li>loggers are looked up on first use, so the logging back end starts off the critical path;</li>
 *   <li>{@code Registry}'s ECR set-up is a nested class of its own: verifying code that hands AWS SDK
 *       builders around loads SDK interfaces, opening the SDK's jars (about 20 ms) even for a
 *       registry given by host;</li>
 *   <li>passes over every entry call a small method per entry (the JIT compiles a method called
 *       often at once, a long loop in one call only after tens of thousands of turns), and cache keys
 *       are binary records, not formatted text ({@code LayerSpecKeys}); no walk helper on two cores
 *       ({@code ParallelWork.HELPERS}): with the walk's other changes, an unchanged 1 GB push went
 *       from 1.01 s to 0.81 s.</li>
 * </ul>
 * Failures are ignored here: the push itself meets and reports them.
 */
public final class Warmup {

    private Warmup() {
    }

    public static CompletableFuture<Void> start(RegistrySession session, boolean jsonNeeded) {
        return session.step(() -> {
            try {
                if (jsonNeeded) {
                    ImageJson.mapper();
                }
                session.target().ping();
            } catch (RuntimeException ignored) {
                // the push reports whatever is wrong with the registry
            }
            return null;
        });
    }
}
