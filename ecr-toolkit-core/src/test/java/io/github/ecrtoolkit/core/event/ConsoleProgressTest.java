package io.github.ecrtoolkit.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.github.ecrtoolkit.core.deploy.DeployEvent;
import io.github.ecrtoolkit.core.event.ProgressEvent.LayerProgress;
import io.github.ecrtoolkit.core.event.ProgressEvent.LayerPushed;
import io.github.ecrtoolkit.core.event.ProgressEvent.LayerSkipped;
import io.github.ecrtoolkit.core.event.ProgressEvent.LayerStarted;
import io.github.ecrtoolkit.core.event.ProgressEvent.LayerWriteProgress;
import io.github.ecrtoolkit.core.event.ProgressEvent.LayerWritten;
import io.github.ecrtoolkit.core.event.ProgressEvent.LayersPlanned;
import io.github.ecrtoolkit.core.event.ProgressEvent.ManifestPushed;
import io.github.ecrtoolkit.core.event.ProgressEvent.PlannedLayer;
import io.github.ecrtoolkit.core.image.Digest;
import io.github.ecrtoolkit.core.image.ImageReference;

class ConsoleProgressTest {

    private static final long MIB = 1 << 20;
    private static final Digest BASE = digest('b');
    private static final Digest LIB = digest('1');
    private static final Digest APP = digest('2');

    private static Digest digest(char c) {
        return Digest.parse("sha256:" + String.valueOf(c).repeat(64));
    }

    /** A base layer of 2 MiB, then 200 MiB of jars and a 30 MiB app: 232 MiB known before anything is written. */
    private static LayersPlanned plan() {
        return new LayersPlanned(List.of(
                new PlannedLayer(0, "FROM registry:5000/jre:21 layer 1/1", 2 * MIB, Optional.of(BASE)),
                new PlannedLayer(1, "COPY lib/ /app/lib/", 200 * MIB, Optional.empty()),
                new PlannedLayer(2, "COPY app.jar /app/", 30 * MIB, Optional.empty())));
    }

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    @Nested
    class OnATerminal {

        final StringBuilder out = new StringBuilder();
        final TestClock clock = new TestClock();
        final ConsoleProgress progress = ConsoleProgress.builder().output(out).terminal(true).width(120)
                .interval(Duration.ofMillis(100)).clock(clock).build();

        @Test
        void showsTheTotalUpFront_andOneLinePerLayer_inDockerfileOrder() {
            progress.onEvent(plan());

            assertThat(Screen.render(out)).containsExactly(
                    "[1/3] FROM registry:5000/jre:21 layer 1/1  waiting",
                    "[2/3] COPY lib/ /app/lib/                  waiting (200.0 MiB)",
                    "[3/3] COPY app.jar /app/                   waiting (30.0 MiB)",
                    "[------------------------]   0%  0.0 of 232.0 MiB  0/3 layers  0.0s");
        }

        @Test
        void movesTheBarWhileLayersCompress_andKeepsTheOrder_whenEventsComeOutOfOrder() {
            progress.onEvent(plan());
            progress.onEvent(new ProgressEvent.BuildStep("COPY app.jar /app/")); // the row says it: no extra line
            clock.advance(Duration.ofSeconds(1));
            progress.onEvent(new LayerWritten(2, APP, 29 * MIB, false));     // the small one is done first
            clock.advance(Duration.ofSeconds(1));
            progress.onEvent(new LayerWriteProgress(1, 100 * MIB, 200 * MIB));
            progress.onEvent(new LayerSkipped(BASE, 2 * MIB));

            List<String> screen = Screen.render(out);
            assertThat(screen).hasSize(4);
            assertThat(screen.get(0)).startsWith("[1/3] FROM").endsWith("already in the registry");
            assertThat(screen.get(1)).startsWith("[2/3] COPY lib/ /app/lib/").endsWith("writing 50% of 200.0 MiB");
            assertThat(screen.get(2)).startsWith("[3/3] COPY app.jar /app/").endsWith("written, 29.0 MiB compressed");
            // base 2 + half of 200 written (weighted half) + half of 30 = 2 + 50 + 15 = 67 of 232
            assertThat(screen.get(3)).isEqualTo("[#######-----------------]  28%  67.0 of 232.0 MiB  1/3 layers  2.0s");
        }

        @Test
        void aRetry_saysWhatThePushWaitsFor() {
            progress.onEvent(plan());
            progress.onEvent(new ProgressEvent.Retrying("registry:5000 did not answer the blob upload within 30s", 2, 6,
                    Duration.ofMillis(1500)));

            assertThat(Screen.render(out)).anyMatch(line -> line.equals(
                    "retrying in 1.5s (attempt 2 of 6): registry:5000 did not answer the blob upload within 30s"));
        }

        @Test
        void uploadsComplete_thenTheManifestLineGoesBelowTheFinalBlock() {
            progress.onEvent(plan());
            progress.onEvent(new LayerSkipped(BASE, 2 * MIB));
            progress.onEvent(new LayerWritten(1, LIB, 190 * MIB, true));
            progress.onEvent(new LayerWritten(2, APP, 29 * MIB, false));
            progress.onEvent(new LayerStarted(APP, 29 * MIB));
            clock.advance(Duration.ofSeconds(1));
            progress.onEvent(new LayerProgress(APP, 10 * MIB, 29 * MIB));
            progress.onEvent(new LayerPushed(APP, 29 * MIB, 29 * MIB));
            progress.onEvent(new LayerPushed(LIB, 190 * MIB, 190 * MIB));
            progress.onEvent(new ManifestPushed(ImageReference.parse("registry:5000/app:1"), APP, "application/vnd.oci.image.manifest.v1+json"));
            out.append("pushed registry:5000/app:1\n"); // what a command prints next

            List<String> screen = Screen.render(out);
            assertThat(screen).hasSize(6);
            assertThat(screen.get(1)).endsWith("pushed 190.0 MiB (from the layer cache)");
            assertThat(screen.get(2)).endsWith("pushed 29.0 MiB");
            assertThat(screen.get(3)).startsWith("[########################] 100%  232.0 of 232.0 MiB  3/3 layers");
            assertThat(screen.get(4)).isEqualTo("manifest registry:5000/app:1 -> " + APP);
            assertThat(screen.get(5)).isEqualTo("pushed registry:5000/app:1");
        }

        @Test
        void otherLines_goAboveTheBlock() {
            progress.onEvent(plan());
            progress.onEvent(new ProgressEvent.BuildStep("FROM registry:5000/jre:21 (linux/amd64)"));

            List<String> screen = Screen.render(out);
            assertThat(screen.get(0)).isEqualTo("FROM registry:5000/jre:21 (linux/amd64)");
            assertThat(screen.get(1)).startsWith("[1/3] FROM");
            assertThat(screen).hasSize(5);
        }

        @Test
        void finish_afterAFailure_leavesTheBlock_andTheErrorStartsOnItsOwnLine() {
            progress.onEvent(plan());
            progress.onEvent(new LayerWriteProgress(1, 10 * MIB, 200 * MIB));
            progress.finish();
            out.append("error: the registry refused the credentials\n");

            List<String> screen = Screen.render(out);
            assertThat(screen).hasSize(5);
            assertThat(screen.get(3)).startsWith("[");
            assertThat(screen.get(4)).isEqualTo("error: the registry refused the credentials");
        }

        @Test
        void withoutAPlan_aBuildOnTheEngine_getsARowPerBlob() {
            progress.onEvent(new ProgressEvent.BuildStep("Step 1/2 : FROM scratch"));
            progress.onEvent(new LayerStarted(APP, 4 * MIB));
            progress.onEvent(new LayerPushed(APP, 4 * MIB, 4 * MIB));

            List<String> screen = Screen.render(out);
            assertThat(screen).containsExactly("Step 1/2 : FROM scratch",
                    "layer sha256:222222222222  pushed 4.0 MiB",
                    "[########################] 100%  4.0 of 4.0 MiB  1/1 layers  0.0s");
        }

        @Test
        void longLines_areCut_soNoneWraps() {
            ConsoleProgress narrow = ConsoleProgress.builder().output(out).terminal(true).width(40).clock(clock).build();
            narrow.onEvent(plan());

            assertThat(Screen.render(out)).allMatch(l -> l.length() < 40);
        }
    }

    @Nested
    class InALog {

        final StringBuilder out = new StringBuilder();
        final TestClock clock = new TestClock();
        final ConsoleProgress progress = ConsoleProgress.builder().output(out).terminal(false)
                .interval(Duration.ofSeconds(5)).clock(clock).build();

        @Test
        void printsThePlanInOrder_thenALinePerStep_andTheTotalAtMostOncePerInterval() {
            progress.onEvent(plan());
            for (int i = 1; i <= 50; i++) {                    // 50 counts within one second: no line
                clock.advance(Duration.ofMillis(20));
                progress.onEvent(new LayerWriteProgress(1, i * MIB, 200 * MIB));
            }
            clock.advance(Duration.ofSeconds(5));
            progress.onEvent(new LayerWriteProgress(1, 100 * MIB, 200 * MIB));
            progress.onEvent(new LayerWritten(2, APP, 29 * MIB, false));
            progress.onEvent(new LayerPushed(APP, 29 * MIB, 29 * MIB));

            assertThat(out.toString()).doesNotContain("\u001b").doesNotContain("\r");
            assertThat(out.toString().lines()).containsExactly(
                    "3 layers, 232.0 MiB:",
                    "  [1/3] FROM registry:5000/jre:21 layer 1/1 (2.0 MiB)",
                    "  [2/3] COPY lib/ /app/lib/ (200.0 MiB)",
                    "  [3/3] COPY app.jar /app/ (30.0 MiB)",
                    "[#####-------------------]  21%  50.0 of 232.0 MiB  0/3 layers  6.0s",
                    "[3/3] COPY app.jar /app/: written, 29.0 MiB compressed",
                    "[3/3] COPY app.jar /app/: pushed 29.0 MiB");
        }

        @Test
        void deployEvents_areLinesWithTheTimeSinceTheStart() {
            clock.advance(Duration.ofMillis(1500));
            progress.onEvent(deployEvent("(service orders) has started 2 tasks"));
            clock.advance(Duration.ofSeconds(60));
            progress.onEvent(deployEvent("(service orders) has reached a steady state."));

            assertThat(out.toString().lines()).containsExactly(
                    "[   1.5s] (service orders) has started 2 tasks",
                    "[  61.5s] (service orders) has reached a steady state.");
        }
    }

    @Test
    void aLambda_isAProgressListener() {
        StringBuilder seen = new StringBuilder();
        ProgressListener listener = event -> seen.append(event.getClass().getSimpleName());

        listener.onEvent(plan());

        assertThat(seen.toString()).isEqualTo("LayersPlanned");
    }

    private static DeployEvent deployEvent(String message) {
        return new DeployEvent() {
            @Override
            public Instant time() {
                return Instant.EPOCH;
            }

            @Override
            public String message() {
                return message;
            }
        };
    }
}
