package io.github.ecrtoolkit.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.github.ecrtoolkit.core.event.ProgressEvent;
import io.github.ecrtoolkit.core.event.ProgressAdapter;
import io.github.ecrtoolkit.core.event.ProgressListener;
import io.github.ecrtoolkit.docker.BuildFailedException;

class BuildRunnerTest {

    @Nested
    class Query {

        @Test
        void query_repeatsTagsAndEncodesArgsAndLabelsAsJson() {
            Map<String, String> args = new LinkedHashMap<>();
            args.put("VERSION", "1.4.2");
            BuildSpec spec = new BuildSpec(Path.of("."), "docker/Dockerfile", List.of("a:1", "127.0.0.1:5000/a:2"), args,
                    Map.of("team", "orders & co"), Optional.of("runtime"), Optional.of("linux/arm64"), true, true, Map.of());

            String query = URLDecoder.decode(BuildRunner.query(spec), StandardCharsets.UTF_8);

            assertThat(query.split("&")).contains("t=a:1", "t=127.0.0.1:5000/a:2", "dockerfile=docker/Dockerfile",
                    "buildargs={\"VERSION\":\"1.4.2\"}", "target=runtime", "platform=linux/arm64", "pull=1", "nocache=1");
            assertThat(BuildRunner.query(spec)).contains("labels=%7B%22team%22%3A%22orders+%26+co%22%7D");
        }

        @Test
        void query_leavesOutWhatWasNotAskedFor() {
            BuildSpec spec = new BuildSpec(Path.of("."), "Dockerfile", List.of(), Map.of(), Map.of(), Optional.empty(),
                    Optional.empty(), false, false, Map.of());

            assertThat(BuildRunner.query(spec)).doesNotContain("buildargs", "labels", "target", "platform", "pull", "nocache", "t=");
        }
    }

    @Nested
    class Stream {

        private final List<String> lines = new ArrayList<>();
        private final ProgressListener listener = new ProgressAdapter() {
            @Override
            public void onBuildStep(ProgressEvent.BuildStep event) {
                lines.add(event.message());
            }
        };

        private void feed(BuildRunner.StreamState state, String... json) throws Exception {
            for (String message : json) {
                state.accept(EngineHttp.JSON.readTree(message), listener, "unix:///var/run/docker.sock");
            }
        }

        @Test
        void stream_relaysLinesEvenWhenSplitAcrossMessages_andFindsTheImageId() throws Exception {
            BuildRunner.StreamState state = new BuildRunner.StreamState();

            feed(state, "{\"stream\":\"Step 1/2 : FROM scratch\\n\"}", "{\"stream\":\"Step 2/2 : COPY a \"}",
                    "{\"stream\":\"/a\\n ---> 1a2b\\n\"}", "{\"aux\":{\"ID\":\"sha256:abc\"}}", "{\"stream\":\"Successfully built 1a2b\\n\"}");

            assertThat(lines).containsExactly("Step 1/2 : FROM scratch", "Step 2/2 : COPY a /a", " ---> 1a2b", "Successfully built 1a2b");
            assertThat(state.imageId).isEqualTo("sha256:abc");
        }

        @Test
        void stream_errorDetailAfterARun_becomesBuildFailedWithStepExitCodeAndTail() throws Exception {
            BuildRunner.StreamState state = new BuildRunner.StreamState();
            feed(state, "{\"stream\":\"Step 3/5 : RUN make\\n\"}", "{\"stream\":\" ---> Running in 42\\n\"}",
                    "{\"stream\":\"cc: error: missing.c\\n\"}");

            assertThatThrownBy(() -> feed(state, "{\"errorDetail\":{\"code\":2,\"message\":\"The command '/bin/sh -c make' returned"
                    + " a non-zero code: 2\"},\"error\":\"The command '/bin/sh -c make' returned a non-zero code: 2\"}"))
                    .isInstanceOfSatisfying(BuildFailedException.class, e -> {
                        assertThat(e.step()).contains("Step 3/5 : RUN make");
                        assertThat(e.exitCode()).hasValue(2);
                        assertThat(e.outputTail()).endsWith("cc: error: missing.c");
                        assertThat(e.getMessage()).contains("Step 3/5 : RUN make", "exit code 2", "cc: error: missing.c");
                    });
        }

        @Test
        void stream_errorWithoutCode_takesTheExitCodeFromTheMessage() throws Exception {
            BuildRunner.StreamState state = new BuildRunner.StreamState();
            feed(state, "{\"stream\":\"Step 2/2 : RUN false\\n\"}");

            assertThatThrownBy(() -> feed(state, "{\"error\":\"The command '/bin/sh -c false' returned a non-zero code: 1\"}"))
                    .isInstanceOfSatisfying(BuildFailedException.class, e -> assertThat(e.exitCode()).hasValue(1));
        }

        @Test
        void stream_keepsOnlyTheLastLinesAsTail() throws Exception {
            BuildRunner.StreamState state = new BuildRunner.StreamState();
            for (int i = 0; i < 50; i++) {
                feed(state, "{\"stream\":\"line " + i + "\\n\"}");
            }

            assertThatThrownBy(() -> feed(state, "{\"error\":\"boom\"}"))
                    .isInstanceOfSatisfying(BuildFailedException.class, e -> {
                        assertThat(e.outputTail()).hasSize(BuildRunner.TAIL_LINES).endsWith("line 49");
                        assertThat(e.step()).isEmpty();
                    });
        }
    }
}
