package io.github.ecrtoolkit.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.ecrtoolkit.core.image.Digest;

class ProgressListenerTest {

    private static final Digest D = Digest.parse("sha256:" + "c".repeat(64));

    @Test
    void throttled_dropsBytesWithinTheInterval_butKeepsTheLastAndOtherEvents() {
        List<ProgressEvent> seen = new ArrayList<>();
        ProgressListener throttled = ProgressListener.throttled(new ProgressAdapter() {
            @Override
            public void onLayerProgress(ProgressEvent.LayerProgress event) {
                seen.add(event);
            }

            @Override
            public void onLayerPushed(ProgressEvent.LayerPushed event) {
                seen.add(event);
            }
        }, Duration.ofHours(1));
        for (long n = 1; n <= 100; n++) {
            throttled.onEvent(new ProgressEvent.LayerProgress(D, n, 100));
        }
        throttled.onEvent(new ProgressEvent.LayerPushed(D, 100, 100));
        assertThat(seen).containsExactly(new ProgressEvent.LayerProgress(D, 1, 100), new ProgressEvent.LayerProgress(D, 100, 100),
                new ProgressEvent.LayerPushed(D, 100, 100));
    }

    @Test
    void throttled_swallowsAListenersException_andKeepsDelivering() {
        List<ProgressEvent> seen = new ArrayList<>();
        ProgressListener broken = ProgressListener.throttled(new ProgressListener() {
            @Override
            public void onEvent(ProgressEvent event) {
                seen.add(event);
                throw new IllegalStateException("bug in listener");
            }
        }, Duration.ZERO);
        ProgressEvent first = new ProgressEvent.BuildStep("COPY");
        ProgressEvent second = new ProgressEvent.BuildStep("ENV");

        assertThatCode(() -> {
            broken.onEvent(first);
            broken.onEvent(second);
        }).doesNotThrowAnyException();
        assertThat(seen).containsExactly(first, second);
    }
}
