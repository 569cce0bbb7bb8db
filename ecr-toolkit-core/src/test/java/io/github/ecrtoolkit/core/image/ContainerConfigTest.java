package io.github.ecrtoolkit.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class ContainerConfigTest {

    private final ObjectMapper json = new ObjectMapper();

    @Nested
    class Json {
        @Test
        void writesOciFieldNamesInAFixedOrder_sortedMaps_andLeavesEmptyFieldsOut() throws Exception {
            ContainerConfig config = ContainerConfig.builder()
                    .label("z", "last").label("a", "first")
                    .exposedPort("9000/udp").exposedPort("8080")
                    .env("B", "2").env("A", "1")
                    .entrypoint(List.of("java", "-jar", "/app.jar"))
                    .cmd(List.of())
                    .user("1000")
                    .workingDir("/app")
                    .volume("/data")
                    .stopSignal("SIGTERM")
                    .healthcheck(ContainerConfig.Healthcheck.of(List.of("CMD", "true"), Duration.ofSeconds(30), Duration.ZERO,
                            Duration.ZERO, Duration.ZERO, 3))
                    .build();
            assertThat(json.writeValueAsString(config)).isEqualTo("{\"User\":\"1000\",\"ExposedPorts\":{\"8080/tcp\":{},\"9000/udp\":{}},"
                    + "\"Env\":[\"B=2\",\"A=1\"],\"Entrypoint\":[\"java\",\"-jar\",\"/app.jar\"],\"Cmd\":[],"
                    + "\"Volumes\":{\"/data\":{}},\"WorkingDir\":\"/app\",\"Labels\":{\"a\":\"first\",\"z\":\"last\"},"
                    + "\"StopSignal\":\"SIGTERM\",\"Healthcheck\":{\"Test\":[\"CMD\",\"true\"],\"Interval\":30000000000,\"Retries\":3}}");
            assertThat(json.writeValueAsString(ContainerConfig.empty())).isEqualTo("{}");
        }

        @Test
        void readsADockerStyleConfig_ignoringUnknownFields_andRoundTrips() throws Exception {
            String docker = "{\"Hostname\":\"\",\"User\":\"\",\"AttachStdin\":false,\"ExposedPorts\":{\"80/tcp\":{}},"
                    + "\"Env\":[\"PATH=/usr/bin\",\"EMPTY=\",\"WITH_EQ=a=b\"],\"Cmd\":[\"nginx\",\"-g\",\"daemon off;\"],"
                    + "\"Image\":\"sha256:abc\",\"Volumes\":null,\"WorkingDir\":\"\",\"Entrypoint\":null,\"OnBuild\":null,"
                    + "\"Labels\":{\"maintainer\":\"NGINX\"},\"StopSignal\":\"SIGQUIT\","
                    + "\"Healthcheck\":{\"Test\":[\"NONE\"]},\"Shell\":[\"/bin/bash\",\"-c\"]}";
            ContainerConfig config = json.readValue(docker, ContainerConfig.class);
            assertThat(config.user()).isEmpty();
            assertThat(config.exposedPorts()).containsExactly("80/tcp");
            assertThat(config.env()).containsExactly(Map.entry("PATH", "/usr/bin"), Map.entry("EMPTY", ""), Map.entry("WITH_EQ", "a=b"));
            assertThat(config.cmd()).contains(List.of("nginx", "-g", "daemon off;"));
            assertThat(config.entrypoint()).isEmpty();
            assertThat(config.workingDir()).isEmpty();
            assertThat(config.stopSignal()).contains("SIGQUIT");
            assertThat(config.healthcheck()).contains(ContainerConfig.Healthcheck.none());
            assertThat(config.shell()).contains(List.of("/bin/bash", "-c"));

            String written = json.writeValueAsString(config);
            assertThat(json.readValue(written, ContainerConfig.class)).isEqualTo(config);
            assertThat(json.writeValueAsString(json.readValue(written, ContainerConfig.class))).isEqualTo(written);
        }
    }

    @Nested
    class MergedOver {
        private final ContainerConfig base = ContainerConfig.builder()
                .env("PATH", "/usr/bin").env("LANG", "C").cmd(List.of("sh")).entrypoint(List.of("/init"))
                .workingDir("/srv").label("a", "base").label("b", "base").exposedPort("80").volume("/var/lib")
                .user("nobody").onBuild("COPY . /x").build();

        @Test
        void envOfTheSameNameIsReplacedInPlace_newOnesAppended() {
            ContainerConfig merged = ContainerConfig.builder().env("NEW", "1").env("PATH", "/app:/usr/bin").build().mergedOver(base);
            assertThat(merged.envList()).containsExactly("PATH=/app:/usr/bin", "LANG=C", "NEW=1");
        }

        @Test
        void entrypointClearsTheInheritedCmd_unlessACmdIsSetToo() {
            assertThat(ContainerConfig.builder().entrypoint(List.of("/app")).build().mergedOver(base).cmd()).isEmpty();
            ContainerConfig both = ContainerConfig.builder().entrypoint(List.of("/app")).cmd(List.of("--x")).build().mergedOver(base);
            assertThat(both.cmd()).contains(List.of("--x"));
            assertThat(ContainerConfig.builder().cmd(List.of("--y")).build().mergedOver(base).entrypoint()).contains(List.of("/init"));
        }

        @Test
        void workingDir_relativeResolvesAgainstTheBase() {
            assertThat(ContainerConfig.builder().workingDir("app/../web").build().mergedOver(base).workingDir()).contains("/srv/web");
            assertThat(ContainerConfig.builder().workingDir("/opt").build().mergedOver(base).workingDir()).contains("/opt");
            assertThat(ContainerConfig.resolveWorkingDir(null, "x")).isEqualTo("/x");
        }

        @Test
        void labelsPortsVolumesMerge_singleValuesOverride_onBuildIsNotInherited() {
            ContainerConfig merged = ContainerConfig.builder().label("b", "mine").exposedPort("443").volume("/data").user("1000")
                    .build().mergedOver(base);
            assertThat(merged.labels()).isEqualTo(Map.of("a", "base", "b", "mine"));
            assertThat(merged.exposedPorts()).containsExactly("443/tcp", "80/tcp");
            assertThat(merged.volumes()).containsExactly("/data", "/var/lib");
            assertThat(merged.user()).contains("1000");
            assertThat(merged.onBuild()).isEmpty();
        }

        @Test
        void emptyChanges_keepTheBaseExceptItsTriggers() {
            assertThat(ContainerConfig.empty().mergedOver(base)).isEqualTo(base.toBuilder().onBuild(List.of()).build());
        }
    }

    @Test
    void toString_neverShowsEnvironmentValues() {
        ContainerConfig config = ContainerConfig.builder().env("DB_PASSWORD", "hunter2-secret").build();
        assertThat(config.toString()).contains("DB_PASSWORD").doesNotContain("hunter2-secret");
    }

    @Test
    void badValues_areRefused() {
        assertThatThrownBy(() -> ContainerConfig.builder().exposedPort("http")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http");
        assertThatThrownBy(() -> ContainerConfig.builder().exposedPort("70000")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ContainerConfig.builder().env("A=B", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ContainerConfig.Healthcheck.of(List.of("curl"), Duration.ZERO, Duration.ZERO, Duration.ZERO,
                Duration.ZERO, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
