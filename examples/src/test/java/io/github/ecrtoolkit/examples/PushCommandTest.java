package io.github.ecrtoolkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.ecrtoolkit.core.RegistryCredentials;

class PushCommandTest {

    /** {@code push ARGS} through the whole command line, with {@code env} as the environment. */
    static int push(Map<String, String> env, String[] args, PrintStream out, PrintStream err) {
        return Cli.run(Stream.concat(Stream.of("push"), Stream.of(args)).toArray(String[]::new), env, out, err);
    }

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    private final PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void credentials_fromEnvironment_thenDockerConfig_elseAnonymous(@TempDir Path dir) throws Exception {
        assertThat(PushCommand.credentials("r:5000", Map.of("REGISTRY_USERNAME", "u", "REGISTRY_PASSWORD", "p")))
                .isEqualTo(RegistryCredentials.basic("u", "p"));
        Files.writeString(dir.resolve("config.json"), "{\"auths\":{\"r:5000\":{\"auth\":\"ZG9jazpwdw==\"}}}");
        assertThat(PushCommand.credentials("r:5000", Map.of("DOCKER_CONFIG", dir.toString()))).isEqualTo(RegistryCredentials.basic("dock", "pw"));
        assertThat(PushCommand.credentials("other:1", Map.of("DOCKER_CONFIG", dir.toString()))).isEqualTo(RegistryCredentials.anonymous());
    }

    @Test
    void run_withoutImage_orWithUnknownOption_printsUsageAndExits2() {
        assertThat(push(Map.of(), new String[] {"--context", "."}, out, errStream)).isEqualTo(2);
        assertThat(push(Map.of(), new String[] {"--bogus"}, out, errStream)).isEqualTo(2);
        assertThat(push(Map.of(), new String[] {"--image"}, out, errStream)).isEqualTo(2);
        assertThat(err()).contains("usage: ecr-toolkit push").contains("error: Unknown option: '--bogus'")
                .doesNotContain("\tat ").doesNotContain("\n\nerror:");
    }

    @Test
    void run_withBadReference_orRegistrylessImage_failsClearly(@TempDir Path dir) {
        assertThat(push(Map.of(), new String[] {"--context", dir.toString(), "--image", "Bad Ref"}, out, errStream)).isEqualTo(1);
        assertThat(push(Map.of(), new String[] {"--context", dir.toString(), "--image", "app:1"}, out, errStream)).isEqualTo(1);
        assertThat(err()).contains("invalid").contains("names no registry").doesNotContain("\tat ");
        assertThat(err()).startsWith("error: ");
    }

    @Test
    void createRepository_onARegistryThatIsNotEcr_isAUsageError(@TempDir Path dir) {
        int code = push(Map.of(), new String[] {"--context", dir.toString(), "--image", "127.0.0.1:5000/app:1",
                "--create-repository"}, out, errStream);

        assertThat(code).isEqualTo(2);
        assertThat(err()).startsWith("error: --create-repository works with ECR only; 127.0.0.1:5000 is not an ECR registry")
                .contains("usage: ecr-toolkit push");
    }

    @Test
    void region_thatDisagreesWithTheEcrHost_isAUsageError(@TempDir Path dir) {
        int code = push(Map.of(), new String[] {"--context", dir.toString(), "--image",
                "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1", "--region", "us-east-1"}, out, errStream);

        assertThat(code).isEqualTo(2);
        assertThat(err()).startsWith("error: --image is in eu-west-1 but --region says us-east-1");
    }
}
