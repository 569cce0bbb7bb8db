package io.github.ecrtoolkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.ecrtoolkit.core.registry.RegistryUnavailableException;
import io.github.ecrtoolkit.testing.OpenRegistry;
import io.github.ecrtoolkit.testing.RegistryProxy;
import io.github.ecrtoolkit.testing.TestRegistry;
import io.github.ecrtoolkit.testing.TestServices;

/**
 * What is set on {@link Registry} — the request cap, the retry policy, the base-image credentials —
 * applies to every way of building: an image set in code and a Dockerfile alike (the Docker Engine
 * builder's test is in its module). The base lives on the registry that needs Basic auth; the
 * target is the open registry behind a proxy that fails the first manifest PUT and slows blob checks.
 */
@ExtendWith(TestServices.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RegistrySettingsIT {

    @ParameterizedTest
    @ValueSource(strings = {"code", "dockerfile"})
    void capRetriesAndBaseCredentials_applyToEveryPath(String path, TestRegistry secured, @OpenRegistry TestRegistry open,
                                                         @TempDir Path dir) throws Exception {
        String base = pushBase(secured, dir);
        try (RegistryProxy proxy = new RegistryProxy(open).slowBlobChecks(150).failFirstManifestPut();
             Registry registry = Registry.builder().host(proxy.host()).allowInsecureLoopback(true)
                     .maxConcurrentRequests(1)
                     .retries(3, Duration.ofMillis(10), Duration.ofMillis(100))
                     .baseImageCredentials(host -> host.equals(secured.host()) ? credentials(secured) : RegistryCredentials.anonymous())
                     .build()) {
            PushResult result = build(path, registry, base, dir).tag("settings/" + path + "-" + suffix() + ":1").push();

            assertThat(result.layers()).hasSize(3); // two of the base, one new
            assertThat(proxy.manifestPuts()).as("the 503 was retried").isEqualTo(2);
            assertThat(proxy.maxInFlight()).as("requests in flight").isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"code", "dockerfile"})
    void oneAttemptSet_isOneAttemptMade(String path, TestRegistry secured, @OpenRegistry TestRegistry open,
                                        @TempDir Path dir) throws Exception {
        String base = pushBase(secured, dir);
        try (RegistryProxy proxy = new RegistryProxy(open).failFirstManifestPut();
             Registry registry = Registry.builder().host(proxy.host()).allowInsecureLoopback(true)
                     .retries(1, Duration.ofMillis(10), Duration.ofMillis(100))
                     .baseImageCredentials(host -> credentials(secured))
                     .build()) {
            ImageBuild build = build(path, registry, base, dir).tag("settings/once-" + suffix() + ":1");

            assertThatThrownBy(build::push).isInstanceOf(RegistryUnavailableException.class).hasMessageContaining("503");
            assertThat(proxy.manifestPuts()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"code", "dockerfile"})
    void baseOnARegistryNeedingCredentials_withoutThem_isRefusedNamingIt(String path, TestRegistry secured,
            @OpenRegistry TestRegistry open, @TempDir Path dir) throws Exception {
        String base = pushBase(secured, dir);
        try (Registry registry = Registry.builder().host(open.host()).allowInsecureLoopback(true).build()) {
            ImageBuild build = build(path, registry, base, dir).tag("settings/anon-" + suffix() + ":1");

            assertThatThrownBy(build::push).isInstanceOf(EcrToolkitException.class)
                    .hasMessageContaining(secured.host())
                    .satisfies(e -> assertThat(((EcrToolkitException) e).reason()).isEqualTo(EcrToolkitException.Reason.ACCESS_DENIED));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"code", "dockerfile"})
    void theCallersExecutor_runsTheLayersAndSteps_withOneThread_andStaysOpen(String path, TestRegistry secured,
            @OpenRegistry TestRegistry open, @TempDir Path dir) throws Exception {
        String base = pushBase(secured, dir);
        AtomicInteger tasks = new AtomicInteger();
        ExecutorService one = Executors.newSingleThreadExecutor();
        Executor counting = task -> {
            tasks.incrementAndGet();
            one.execute(task);
        };
        try (Registry registry = Registry.builder().host(open.host()).allowInsecureLoopback(true).maxConcurrentRequests(1)
                .executorService(new java.util.concurrent.AbstractExecutorService() {
                    @Override public void shutdown() { one.shutdown(); }
                    @Override public java.util.List<Runnable> shutdownNow() { return one.shutdownNow(); }
                    @Override public boolean isShutdown() { return one.isShutdown(); }
                    @Override public boolean isTerminated() { return one.isTerminated(); }
                    @Override public boolean awaitTermination(long t, TimeUnit u) throws InterruptedException {
                        return one.awaitTermination(t, u);
                    }
                    @Override public void execute(Runnable task) { counting.execute(task); }
                })
                .baseImageCredentials(host -> credentials(secured))
                .build()) {
            PushResult result = build(path, registry, base, dir).tag("settings/executor-" + suffix() + ":1").push();

            assertThat(registry.digestOf(result.reference().toString())).contains(result.digest());
        }
        // the warm-up, the new layer's writing, three blobs, the config, the tag check and the manifest
        assertThat(tasks.get()).isGreaterThanOrEqualTo(7);
        assertThat(one.isShutdown()).as("an executor passed in is not shut down by us").isFalse();
        one.shutdown();
    }

    /** A two-layer base on the registry that needs Basic auth; its reference. */
    private static String pushBase(TestRegistry secured, Path dir) throws Exception {
        String base = "settings/base-" + suffix() + ":1";
        try (Registry registry = Registry.builder().host(secured.host()).credentials(credentials(secured))
                .allowInsecureLoopback(true).build()) {
            Path one = Files.writeString(Files.createDirectories(dir.resolve("base")).resolve("one.txt"), "one " + UUID.randomUUID());
            Path two = Files.writeString(dir.resolve("base").resolve("two.txt"), "two " + UUID.randomUUID());
            registry.image().layer(one, "/one.txt").layer(two, "/two.txt").cmd("/one.txt").tag(base).push();
        }
        return secured.host() + "/" + base;
    }

    private static ImageBuild build(String path, Registry registry, String base, Path dir) throws Exception {
        Path context = Files.createDirectories(dir.resolve("ctx"));
        Files.writeString(context.resolve("app.txt"), "app " + UUID.randomUUID());
        if (path.equals("code")) {
            return registry.build(context).from(base).layer("app.txt", "/app.txt");
        }
        Files.writeString(context.resolve("Dockerfile"), "FROM " + base + "\nCOPY app.txt /app.txt\n");
        return registry.build(context);
    }

    private static RegistryCredentials credentials(TestRegistry registry) {
        return RegistryCredentials.basic(registry.username().orElseThrow(), registry.password().orElseThrow());
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
