package io.github.ecrtoolkit.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ecrtoolkit.core.LayerPushStatus;
import io.github.ecrtoolkit.core.PushResult;
import io.github.ecrtoolkit.core.Registry;
import io.github.ecrtoolkit.core.RegistryCredentials;
import io.github.ecrtoolkit.core.event.ProgressEvent;
import io.github.ecrtoolkit.core.event.ProgressListener;
import io.github.ecrtoolkit.testing.Commands;
import io.github.ecrtoolkit.testing.TestRegistry;
import io.github.ecrtoolkit.testing.TestServices;
import io.github.ecrtoolkit.testing.TestTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cached blob whose bytes went bad (same size, so only its digest tells) is caught while it
 * streams to the registry: the push breaks that upload off, writes the layer again, pushes the right
 * bytes and says so; the next push finds a sound cache.
 */
@ExtendWith(TestServices.class)
class CorruptCacheIT {

    @TempDir
    Path dir;

    @Test
    void sameSizeCorruptBlob_isRewrittenAndPushedCorrectly_withAnEvent(TestRegistry r, TestTools tools) throws IOException {
        Path app = Files.createDirectories(dir.resolve("app/data"));
        byte[] random = new byte[512 * 1024];
        new Random(3).nextBytes(random);
        Files.write(app.resolve("random.bin"), random);
        LayerCache cache = LayerCache.at(dir.resolve("cache"));
        try (Registry registry = Registry.builder().host(r.host())
                .credentials(RegistryCredentials.basic(r.username().orElseThrow(), r.password().orElseThrow()))
                .allowInsecureLoopback(true).build()) {
            PushResult first = push(registry, app, cache, repository(), ProgressListener.NONE);
            Path blob;
            try (Stream<Path> blobs = Files.list(dir.resolve("cache/v1/blobs/sha256"))) {
                blob = blobs.filter(b -> first.layers().stream().anyMatch(l -> l.digest().encoded().equals(b.getFileName().toString())))
                        .findFirst().orElseThrow();
            }
            byte[] bytes = Files.readAllBytes(blob);
            for (int i = bytes.length / 2; i < bytes.length / 2 + 16; i++) {
                bytes[i] ^= 0x5a;
            }
            Files.write(blob, bytes);

            List<ProgressEvent> events = new CopyOnWriteArrayList<>();
            String repository = repository();   // the blob is missing there: it has to be uploaded from the cache
            PushResult second = push(registry, app, cache, repository, collect(events));

            assertThat(second.digest()).isEqualTo(first.digest());
            assertThat(second.layers()).anyMatch(l -> l.status() == LayerPushStatus.PUSHED);
            assertThat(events).filteredOn(e -> e instanceof ProgressEvent.LayerCacheRepaired).singleElement()
                    .satisfies(e -> assertThat(((ProgressEvent.LayerCacheRepaired) e).detail()).contains(blob.toString()));
            Commands.run(Duration.ofMinutes(1), List.of(tools.skopeo().toString(), "copy", "--quiet", "--src-tls-verify=false",
                    "--src-creds", r.username().orElseThrow() + ":" + r.password().orElseThrow(),
                    "docker://" + r.host() + "/" + repository + "@" + second.digest(), "dir:" + dir.resolve("copy"))).assertSuccess();

            List<ProgressEvent> third = new CopyOnWriteArrayList<>();
            push(registry, app, cache, repository(), collect(third));
            assertThat(third).noneMatch(e -> e instanceof ProgressEvent.LayerCacheRepaired);
            assertThat(third).noneMatch(e -> e instanceof ProgressEvent.BuildStep); // the repaired entry is a hit
        }
    }

    private static ProgressListener collect(List<ProgressEvent> events) {
        return new ProgressListener() {
            @Override
            public void onEvent(ProgressEvent event) {
                events.add(event);
            }
        };
    }

    private static String repository() {
        return "corrupt/app-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static PushResult push(Registry registry, Path app, LayerCache cache, String repository, ProgressListener listener) {
        return registry.build(app.getParent()).layer(app, "/data").entrypoint("/data/run").layerCache(cache)
                .listener(listener).tag(repository + ":1").push();
    }
}
