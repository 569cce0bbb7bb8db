package io.github.ecrtoolkit.core.build.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import io.github.ecrtoolkit.core.internal.Futures;
import io.github.ecrtoolkit.core.layer.LayerSpec;

/**
 * Walks the sources of several layers at once: on the push's executor, the last on the caller's
 * thread, which would otherwise only wait. A short push spends most of its time before the first
 * request walking and stating files, mostly in code the JIT has not compiled yet.
 */
final class LayerWalks {

    private LayerWalks() {
    }

    /**
     * The spec each of {@code walks} makes, in order.
     *
     * @throws RuntimeException the first walk's failure, in order, as it was thrown (e.g. a {@code LayerException})
     */
    static List<LayerSpec> walk(List<Supplier<LayerSpec>> walks, Optional<Executor> executor) {
        if (walks.size() < 2 || executor.isEmpty()) {
            return walks.stream().map(Supplier::get).toList();
        }
        List<CompletableFuture<LayerSpec>> started = new ArrayList<>();
        for (Supplier<LayerSpec> walk : walks.subList(0, walks.size() - 1)) {
            started.add(CompletableFuture.supplyAsync(walk, executor.get()));
        }
        started.add(run(walks.get(walks.size() - 1)));
        List<LayerSpec> specs = new ArrayList<>();
        for (CompletableFuture<LayerSpec> spec : started) {
            specs.add(Futures.join(spec));
        }
        return specs;
    }


    private static CompletableFuture<LayerSpec> run(Supplier<LayerSpec> walk) {
        try {
            return CompletableFuture.completedFuture(walk.get());
        } catch (RuntimeException | Error e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
