package io.github.ecrtoolkit.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import io.github.ecrtoolkit.core.RegistryCredentials;
import io.github.ecrtoolkit.core.Registry;
import io.github.ecrtoolkit.core.build.PushTarget;

/** No password or token reaches a toString or an exception message of this module. */
class SecretsTest {

    private static final String SECRET = "s3cr3t-token-never-printed";

    @Test
    void pushTargetAndCredentials_neverPrintThePassword() {
        try (Registry registry = Registry.of("r:5000", RegistryCredentials.basic("AWS", SECRET))) {
            PushTarget target = PushTarget.of(registry, null);

            assertThat(target.toString()).doesNotContain(SECRET);
            assertThat(registry.toString()).doesNotContain(SECRET);
        }
        assertThat(DockerEngineBuilder.on(DockerHost.unixSocket(java.nio.file.Path.of("/x.sock"))).toString()).doesNotContain(SECRET);
    }

    @Test
    void pushRefused_carriesTheRegistrysWordsNotTheCredentials() {
        PushRefusedException e = new PushRefusedException("unix:///var/run/docker.sock", "r:5000/app:1",
                "unauthorized: authentication required");

        assertThat(printed(e)).doesNotContain(SECRET).contains("r:5000/app:1", "unauthorized");
    }

    @Test
    void buildFailed_message_hasStepAndTail() {
        BuildFailedException e = new BuildFailedException("unix:///s", "Step 2/3 : RUN x", "failed", OptionalInt.of(3), List.of("out"));

        assertThat(printed(e)).contains("Step 2/3 : RUN x", "exit code 3", "out");
    }

    private static String printed(Throwable e) {
        StringWriter text = new StringWriter();
        e.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
