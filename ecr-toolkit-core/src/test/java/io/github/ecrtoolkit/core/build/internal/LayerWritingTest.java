package io.github.ecrtoolkit.core.build.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.ecrtoolkit.core.cache.LayerCache;
import io.github.ecrtoolkit.core.cache.LayerCacheException;
import io.github.ecrtoolkit.core.cache.internal.LayerSettings;
import io.github.ecrtoolkit.core.event.ProgressEvent;
import io.github.ecrtoolkit.core.event.ProgressListener;
import io.github.ecrtoolkit.core.layer.LayerException;
import io.github.ecrtoolkit.core.layer.LayerSpec;
import io.github.ecrtoolkit.core.layer.compress.Compression;

class LayerWritingTest {

    @TempDir
    Path dir;

    @Test
    void aSourceGoneBeforeItIsRead_isReportedAsThatFile_notAsTheCacheFolder() throws Exception {
        Path app = Files.createDirectories(dir.resolve("app"));
        Files.writeString(app.resolve("a.txt"), "a");
        Files.writeString(app.resolve("gone.txt"), "soon gone");
        LayerSpec fresh = LayerSpec.builder().add(app, "/app").build();
        Files.setLastModifiedTime(app.resolve("gone.txt"), FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        LayerSpec old = LayerSpec.builder().add(app, "/app").build();
        Files.delete(app.resolve("gone.txt"));
        LayerSettings settings = new LayerSettings(Compression.gzip(), Optional.of(LayerCache.at(dir.resolve("cache"))));

        // read when the layer is written
        assertThatThrownBy(() -> LayerWriting.write(List.of(old), dir, ProgressListener.NONE, settings))
                .isInstanceOf(LayerException.class).isNotInstanceOf(LayerCacheException.class)
                .hasMessageContaining("gone.txt").hasMessageNotContaining("permissions and free space");
        // read for the cache key, being modified just now
        assertThatThrownBy(() -> LayerWriting.write(List.of(fresh), dir, ProgressListener.NONE, settings))
                .isInstanceOf(LayerException.class).hasMessageContaining("gone.txt");
    }

    @Test
    void outOfMemory_whileWritingALayer_isThrownAsItself() {
        LayerSettings settings = new LayerSettings(Compression.gzip(), Optional.of(LayerCache.at(dir.resolve("cache"))));
        LayerSpec spec = LayerSpec.builder().addContent("/x", new byte[] {1}, io.github.ecrtoolkit.core.layer.EntryOptions.defaults())
                .build();

        ProgressListener starved = event -> {
            if (event instanceof io.github.ecrtoolkit.core.event.ProgressEvent.BuildStep) {
                throw new OutOfMemoryError("Java heap space"); // told of the layer's build step on the layer's thread
            }
        };

        assertThatThrownBy(() -> LayerWriting.write(List.of(spec), dir, starved, settings)).isInstanceOf(OutOfMemoryError.class).hasMessage("Java heap space");
        assertThat(dir.resolve("cache")).exists();
    }

    @Test
    void write_announcesThePlanFirst_thenReportsCompression_andWhichLayersCameFromTheCache() throws Exception {
        Path app = Files.createDirectories(dir.resolve("big"));
        byte[] threeMib = new byte[3 << 20];
        new java.util.Random(7).nextBytes(threeMib);
        Files.write(app.resolve("data.bin"), threeMib);
        List<LayerSpec> specs = List.of(
                LayerSpec.builder().description("COPY big /big").add(app, "/big").build(),
                LayerSpec.builder().description("COPY small /small").addContent("/small", new byte[] {1, 2},
                        io.github.ecrtoolkit.core.layer.EntryOptions.defaults()).build());
        LayerSettings settings = new LayerSettings(Compression.gzip(), Optional.of(LayerCache.at(dir.resolve("cache"))));
        List<ProgressEvent> first = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<ProgressEvent> second = new java.util.concurrent.CopyOnWriteArrayList<>();

        List<NewLayer> written = LayerWriting.write(specs, dir, first::add, settings);
        LayerWriting.write(specs, dir, second::add, settings);

        assertThat(first.get(0)).isEqualTo(new ProgressEvent.LayersPlanned(List.of(
                new ProgressEvent.PlannedLayer(0, "COPY big /big", 3 << 20, Optional.empty()),
                new ProgressEvent.PlannedLayer(1, "COPY small /small", 2, Optional.empty()))));
        assertThat(first).filteredOn(ProgressEvent.LayerWriteProgress.class::isInstance)
                .map(e -> (ProgressEvent.LayerWriteProgress) e)
                .isNotEmpty().allMatch(e -> e.index() == 0 && e.size() == 3 << 20 && e.bytesWritten() <= e.size());
        assertThat(first).contains(new ProgressEvent.LayerWritten(0, written.get(0).digest(), written.get(0).size(), false),
                new ProgressEvent.LayerWritten(1, written.get(1).digest(), written.get(1).size(), false));
        assertThat(second).contains(new ProgressEvent.LayerWritten(0, written.get(0).digest(), written.get(0).size(), true),
                new ProgressEvent.LayerWritten(1, written.get(1).digest(), written.get(1).size(), true));
        assertThat(second).noneMatch(e -> e instanceof ProgressEvent.BuildStep || e instanceof ProgressEvent.LayerWriteProgress);
    }
}
