package io.github.ecrtoolkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.github.ecrtoolkit.core.build.BuildException;
import io.github.ecrtoolkit.core.event.ProgressEvent;
import io.github.ecrtoolkit.core.event.ProgressListener;
import io.github.ecrtoolkit.core.image.InvalidReferenceException;
import io.github.ecrtoolkit.core.registry.RegistryAuthenticationException;
import io.github.ecrtoolkit.testing.Commands;
import io.github.ecrtoolkit.testing.OpenRegistry;
import io.github.ecrtoolkit.testing.TestDockerEngine;
import io.github.ecrtoolkit.testing.TestRegistry;
import io.github.ecrtoolkit.testing.TestServices;
import io.github.ecrtoolkit.testing.TestTools;

/** Builds and pushes with the public API to the real registry, then reads back with skopeo and the Docker Engine. */
@ExtendWith(TestServices.class)
class PushIT {

    static Registry registry(TestRegistry r) {
        return Registry.builder().host(r.host())
                .credentials(r.requiresAuth() ? RegistryCredentials.basic(r.username().orElseThrow(), r.password().orElseThrow())
                        : RegistryCredentials.anonymous())
                .allowInsecureLoopback(true).build();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Path busyboxContext(Path dir, TestTools tools, String message) throws Exception {
        Path context = Files.createDirectories(dir.resolve("ctx"));
        Files.copy(tools.busybox(), context.resolve("busybox"));
        Files.writeString(context.resolve("hello.txt"), message + "\n");
        return context;
    }

    static String skopeoDigest(TestRegistry r, TestTools tools, String ref) {
        List<String> cmd = new java.util.ArrayList<>(List.of(tools.skopeo().toString(), "inspect", "--tls-verify=false", "--format", "{{.Digest}}"));
        r.username().ifPresent(u -> cmd.addAll(List.of("--creds", u + ":" + r.password().orElseThrow())));
        cmd.add("docker://" + ref);
        return Commands.run(java.time.Duration.ofMinutes(2), cmd).assertSuccess().stdout().trim();
    }

    static String dockerRun(TestDockerEngine engine, TestRegistry r, Path dir, String ref) throws Exception {
        Path config = Files.createDirectories(dir.resolve("docker-config-" + UUID.randomUUID()));
        if (r.requiresAuth()) {
            engine.docker(config, "login", "-u", r.username().orElseThrow(), "-p", r.password().orElseThrow(), r.host()).assertSuccess();
        }
        try {
            engine.docker(config, "pull", "-q", ref).assertSuccess();
            return engine.docker(config, "run", "--rm", ref).assertSuccess().stdout().trim();
        } finally {
            engine.docker(config, "rmi", "--force", ref);
        }
    }

    @Nested
    class InCode {
        @Test
        void push_busyboxImageSetInCode_runsWithDockerAndSkopeoSeesTheDigest(TestRegistry r, TestTools tools, TestDockerEngine engine,
                                                                           @TempDir Path dir) throws Exception {
            String message = unique("hello from code");
            Path context = busyboxContext(dir, tools, message);
            List<ProgressEvent> events = new CopyOnWriteArrayList<>();
            try (Registry registry = registry(r)) {
                PushResult result = registry.build(context)
                        .layer("busybox", "/bin/busybox")
                        .layer("hello.txt", "/hello.txt")
                        .entrypoint("/bin/busybox", "cat")
                        .cmd("/hello.txt")
                        .env("GREETING", "hi").user("0").exposedPort(8080).label("team", "orders")
                        .tag(unique("code/app") + ":1")
                        .listener(new ProgressListener() {
                            @Override
                            public void onEvent(ProgressEvent event) {
                                events.add(event);
                            }
                        })
                        .push();

                String ref = result.reference().toString();
                assertThat(skopeoDigest(r, tools, ref)).isEqualTo(result.digest().toString());
                assertThat(result.layers()).hasSize(2).allSatisfy(l -> assertThat(l.status()).isEqualTo(LayerPushStatus.PUSHED));
                assertThat(result.imageUri()).isEqualTo(ref + "@" + result.digest());
                assertThat(events).anyMatch(e -> e instanceof ProgressEvent.LayerPushed)
                        .anyMatch(e -> e instanceof ProgressEvent.ManifestPushed);
                assertThat(dockerRun(engine, r, dir, ref)).isEqualTo(message);
            }
        }
    }

    @Nested
    class FromDockerfile {
        @Test
        void push_scratchDockerfile_runsTheCopiedFile(TestRegistry r, TestTools tools, TestDockerEngine engine, @TempDir Path dir)
                throws Exception {
            String message = unique("hello from a Dockerfile");
            Path context = busyboxContext(dir, tools, message);
            Files.writeString(context.resolve("Dockerfile"), String.join("\n",
                    "FROM scratch",
                    "COPY busybox /bin/busybox",
                    "COPY hello.txt /app/",
                    "ENTRYPOINT [\"/bin/busybox\"]",
                    "CMD [\"cat\", \"/app/hello.txt\"]", ""));
            try (Registry registry = registry(r)) {
                PushResult result = registry.build(context).tag(unique("dockerfile/app") + ":1").push();
                assertThat(skopeoDigest(r, tools, result.reference().toString())).isEqualTo(result.digest().toString());
                assertThat(dockerRun(engine, r, dir, result.reference().toString())).isEqualTo(message);
            }
        }

        @Test
        void build_twice_givesTheSameDigest_andAOneFileChangeChangesOneLayer(TestRegistry r, TestTools tools, @TempDir Path dir)
                throws Exception {
            Path context = busyboxContext(dir, tools, "same");
            Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY busybox /bin/busybox\nCOPY hello.txt /hello.txt\n");
            String repo = unique("repro/app");
            try (Registry registry = registry(r)) {
                PushResult first = registry.build(context).tag(repo + ":a").push();
                PushResult second = registry.build(context).tag(repo + ":b").push();
                assertThat(second.digest()).isEqualTo(first.digest());
                assertThat(second.layers()).allSatisfy(l -> assertThat(l.status()).isEqualTo(LayerPushStatus.ALREADY_PRESENT));

                Files.writeString(context.resolve("hello.txt"), "changed\n");
                PushResult third = registry.build(context).tag(repo + ":c").push();
                assertThat(third.digest()).isNotEqualTo(first.digest());
                assertThat(third.layers().get(0).digest()).isEqualTo(first.layers().get(0).digest());
                assertThat(third.layers().get(1).digest()).isNotEqualTo(first.layers().get(1).digest());
                assertThat(third.layers()).extracting(LayerPushResult::status)
                        .containsExactly(LayerPushStatus.ALREADY_PRESENT, LayerPushStatus.PUSHED);
            }
        }

        @Test
        void build_withRun_failsNamingTheLineAndTheEngineBuilder(TestRegistry r, @TempDir Path dir) throws Exception {
            Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\nRUN echo hi\n");
            try (Registry registry = registry(r)) {
                assertThatThrownBy(() -> registry.build(dir).tag("run/app:1").push())
                        .isInstanceOf(BuildException.class)
                        .hasMessageContaining("Dockerfile:2")
                        .hasMessageContaining("ecr-toolkit-docker");
            }
        }
    }

    @Nested
    class FromABase {
        @Test
        void push_fromBaseInSameRegistry_mountsOrSkipsBaseLayers_andInAnotherRegistryCopiesThem(TestRegistry r, @OpenRegistry TestRegistry open,
                                                                                               TestTools tools, TestDockerEngine engine,
                                                                                               @TempDir Path dir) throws Exception {
            Path context = busyboxContext(dir, tools, "on a base");
            String base = unique("base/busybox") + ":1";
            try (Registry registry = registry(r); Registry other = Registry.builder().host(open.host()).allowInsecureLoopback(true)
                    .baseImageCredentials(h -> RegistryCredentials.basic(r.username().orElseThrow(), r.password().orElseThrow())).build()) {
                PushResult basePush = registry.build(context).layer("busybox", "/bin/busybox").entrypoint("/bin/busybox").tag(base).push();
                Files.delete(context.resolve("busybox"));
                Files.writeString(context.resolve("Dockerfile"), "FROM " + r.host() + "/" + base + "\nCOPY hello.txt /hello.txt\nCMD [\"cat\", \"/hello.txt\"]\n");

                PushResult same = registry.build(context).tag(unique("derived/app") + ":1").push();
                assertThat(same.layers().get(0).digest()).isEqualTo(basePush.layers().get(0).digest());
                assertThat(same.layers().get(0).status()).isEqualTo(LayerPushStatus.MOUNTED);
                assertThat(same.layers().get(0).bytesSent()).isZero();
                assertThat(dockerRun(engine, r, dir, same.reference().toString())).isEqualTo("on a base");

                String otherTag = unique("copied/app") + ":1";
                PushResult copied = other.build(context).tag(otherTag).push();
                assertThat(copied.layers().get(0).status()).isEqualTo(LayerPushStatus.PUSHED);
                assertThat(copied.layers().get(0).bytesSent()).isEqualTo(basePush.layers().get(0).size());
                assertThat(skopeoDigest(open, tools, copied.reference().toString())).isEqualTo(copied.digest().toString());
                assertThat(copied.digest()).isEqualTo(same.digest());

                PushResult again = other.build(context).tag(otherTag).push();
                assertThat(again.layers()).allSatisfy(l -> assertThat(l.status()).isEqualTo(LayerPushStatus.ALREADY_PRESENT));
            }
        }
    }

    @Nested
    class DockerTypedBase {
        @Test
        void push_fromADockerTypedBase_staysDockerTyped_andRuns(TestRegistry r, TestTools tools, TestDockerEngine engine, @TempDir Path dir)
                throws Exception {
            Path context = busyboxContext(dir, tools, "docker typed");
            String ociBase = unique("base/oci") + ":1";
            String dockerBase = unique("base/docker") + ":1";
            try (Registry registry = registry(r)) {
                registry.build(context).layer("busybox", "/bin/busybox").entrypoint("/bin/busybox").tag(ociBase).push();
                String creds = r.username().orElseThrow() + ":" + r.password().orElseThrow();
                Commands.run(tools.skopeo().toString(), "copy", "--format", "v2s2", "--src-tls-verify=false", "--dest-tls-verify=false",
                        "--src-creds", creds, "--dest-creds", creds, "docker://" + r.host() + "/" + ociBase,
                        "docker://" + r.host() + "/" + dockerBase).assertSuccess();
                Files.writeString(context.resolve("Dockerfile"), "FROM " + r.host() + "/" + dockerBase
                        + "\nCOPY hello.txt /hello.txt\nCMD [\"cat\", \"/hello.txt\"]\n");

                PushResult result = registry.build(context).tag(unique("derived/docker") + ":1").push();
                assertThat(result.manifestMediaType()).isEqualTo(io.github.ecrtoolkit.core.image.MediaTypes.DOCKER_MANIFEST);
                String raw = Commands.run(tools.skopeo().toString(), "inspect", "--raw", "--tls-verify=false", "--creds", creds,
                        "docker://" + result.reference()).assertSuccess().stdout();
                assertThat(raw).contains(io.github.ecrtoolkit.core.image.MediaTypes.DOCKER_CONFIG)
                        .contains(io.github.ecrtoolkit.core.image.MediaTypes.DOCKER_LAYER_GZIP)
                        .doesNotContain("application/vnd.oci.image");
                assertThat(dockerRun(engine, r, dir, result.reference().toString())).isEqualTo("docker typed");
            }
        }
    }

    @Nested
    class BadInput {
        @Test
        void badReference_missingFolder_andMissingDockerfile_failClearly(TestRegistry r, @TempDir Path dir) {
            try (Registry registry = registry(r)) {
                assertThatThrownBy(() -> registry.build(dir).tag("Bad Name:1")).isInstanceOf(InvalidReferenceException.class);
                assertThatThrownBy(() -> registry.build(dir.resolve("nope")).tag("a:1").push())
                        .isInstanceOf(BuildException.class).hasMessageContaining("does not exist");
                assertThatThrownBy(() -> registry.build(dir).tag("a:1").push())
                        .isInstanceOf(BuildException.class).hasMessageContaining("no Dockerfile");
                assertThatThrownBy(() -> registry.build(dir).tag("other.example.com/a:1"))
                        .isInstanceOf(EcrToolkitException.class).hasMessageContaining("other.example.com");
            }
        }

        @Test
        void unknownInstruction_copyOfAMissingFile_andASymlinkLeavingTheContext_failNamingTheProblem(TestRegistry r, @TempDir Path dir)
                throws Exception {
            Path context = Files.createDirectories(dir.resolve("ctx"));
            String tag = "bad/app-" + UUID.randomUUID().toString().substring(0, 8) + ":1";
            try (Registry registry = registry(r)) {
                Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nFROOB x\n");
                assertThatThrownBy(() -> registry.build(context).tag(tag).push())
                        .isInstanceOf(EcrToolkitException.class).hasMessageContaining("Dockerfile:2").hasMessageContaining("FROOB");

                Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY missing.txt /\n");
                assertThatThrownBy(() -> registry.build(context).tag(tag).push())
                        .isInstanceOf(EcrToolkitException.class).hasMessageContaining("Dockerfile:2").hasMessageContaining("missing.txt");

                Path outside = Files.writeString(dir.resolve("secret.txt"), "outside");
                // a link inside a copied folder travels as a link (as in docker build); a source named through one is read: refused
                Files.createSymbolicLink(context.resolve("link"), outside);
                Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY link /app\n");
                assertThatThrownBy(() -> registry.build(context).tag(tag).push())
                        .isInstanceOf(EcrToolkitException.class).hasMessageContaining("link");
                assertThat(registry.digestOf(tag)).isEmpty();
            }
        }

        @Test
        void wrongPassword_failsWithoutTheSecretAnywhere(TestRegistry r, TestTools tools, @TempDir Path dir) throws Exception {
            String secret = "wrong-" + UUID.randomUUID();
            Path context = busyboxContext(dir, tools, "x");
            RegistryCredentials creds = RegistryCredentials.basic("AWS", secret);
            try (Registry registry = Registry.builder().host(r.host()).credentials(creds).allowInsecureLoopback(true).build()) {
                Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                        () -> registry.build(context).layer("hello.txt", "/hello.txt").tag("secret/app:1").push());
                assertThat(thrown).isInstanceOf(RegistryAuthenticationException.class).hasMessageContaining("AWS");
                java.io.StringWriter trace = new java.io.StringWriter();
                thrown.printStackTrace(new java.io.PrintWriter(trace));
                assertThat(trace.toString()).doesNotContain(secret);
                assertThat(creds.toString() + registry).doesNotContain(secret);
            }
        }

        @Test
        void plainHttp_toANonLoopbackHost_isRefused() {
            assertThatThrownBy(() -> Registry.builder().host("registry.example.com").allowInsecureLoopback(true).build())
                    .isInstanceOf(EcrToolkitException.class).hasMessageContaining("loopback");
        }
    }
}
