package io.github.ecrtoolkit.core.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.github.ecrtoolkit.core.PushResult;
import io.github.ecrtoolkit.core.Registry;
import io.github.ecrtoolkit.core.RegistryCredentials;
import io.github.ecrtoolkit.testing.Commands;
import io.github.ecrtoolkit.testing.TestDockerEngine;
import io.github.ecrtoolkit.testing.TestRegistry;
import io.github.ecrtoolkit.testing.TestServices;
import io.github.ecrtoolkit.testing.TestTools;
import io.github.ecrtoolkit.testing.Umoci;

/** Tarball for {@code docker load} and OCI layout, checked with the Docker Engine and skopeo. */
@ExtendWith(TestServices.class)
class ImageOutputsIT {

    private static Registry registry(TestRegistry r) {
        return Registry.builder().host(r.host())
                .credentials(RegistryCredentials.basic(r.username().orElseThrow(), r.password().orElseThrow()))
                .allowInsecureLoopback(true).build();
    }

    /** A busybox image that prints {@code message}; shared with {@link ImageWithoutRegistryIT}. */
    static Path context(Path dir, TestTools tools, String message) throws Exception {
        Path context = Files.createDirectories(dir.resolve("ctx"));
        Files.copy(tools.busybox(), context.resolve("busybox"));
        Files.writeString(context.resolve("msg.txt"), message + "\n");
        Files.writeString(context.resolve("Dockerfile"),
                "FROM scratch\nCOPY busybox /bin/busybox\nCOPY msg.txt /msg.txt\nCMD [\"/bin/busybox\", \"cat\", \"/msg.txt\"]\n");
        return context;
    }

    @Test
    void tarball_isLoadedAndRunByDocker(TestRegistry r, TestTools tools, TestDockerEngine engine, @TempDir Path dir) throws Exception {
        String message = "loaded " + UUID.randomUUID();
        String tag = "outputs/tarball-" + UUID.randomUUID().toString().substring(0, 8) + ":1";
        try (Registry registry = registry(r)) {
            Path tar = registry.build(context(dir, tools, message)).tag(tag).writeTarball(dir.resolve("image.tar"));
            Path config = Files.createDirectories(dir.resolve("docker-config"));
            String ref = r.host() + "/" + tag;
            try {
                engine.docker(config, "load", "-i", tar.toString()).assertSuccess();
                assertThat(engine.docker(config, "run", "--rm", ref).assertSuccess().stdout().trim()).isEqualTo(message);
            } finally {
                engine.docker(config, "rmi", "--force", ref);
            }
        }
    }

    @Test
    void ociLayout_fromABaseInTheRegistry_isReadBySkopeo_withTheSameDigestAsAPush(TestRegistry r, TestTools tools, @TempDir Path dir)
            throws Exception {
        try (Registry registry = registry(r)) {
            Path context = context(dir, tools, "layout");
            String base = "outputs/base-" + UUID.randomUUID().toString().substring(0, 8) + ":1";
            registry.build(context).tag(base).push();
            Files.writeString(context.resolve("Dockerfile"), "FROM " + r.host() + "/" + base + "\nCOPY msg.txt /again.txt\n");

            String tag = "outputs/layout-" + UUID.randomUUID().toString().substring(0, 8) + ":2";
            Path layout = registry.build(context).tag(tag).writeOciLayout(dir.resolve("layout"));
            PushResult pushed = registry.build(context).tag(tag).push();

            String digest = Commands.run(tools.skopeo().toString(), "inspect", "--format", "{{.Digest}}", "oci:" + layout + ":2")
                    .assertSuccess().stdout().trim();
            assertThat(digest).isEqualTo(pushed.digest().toString());
            assertThat(layout.resolve("oci-layout")).exists();
            assertThat(Files.list(layout.resolve("blobs/sha256")).count()).isEqualTo(3 + 2); // 3 layers, config, manifest
        }
    }

    @Test
    void ociLayout_ofAnImageOnADockerTypedBase_isOci_andReadBySkopeoAndUmoci(TestRegistry r, TestTools tools, Umoci umoci,
            @TempDir Path dir) throws Exception {
        try (Registry registry = registry(r)) {
            Path context = context(dir, tools, "on a docker base");
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            registry.build(context).tag("outputs/base-" + suffix + ":1").push();
            // the same base, converted by skopeo to Docker v2.2 media types, as most bases on Docker Hub are
            String dockerBase = r.host() + "/outputs/docker-base-" + suffix + ":1";
            Commands.run(tools.skopeo().toString(), "copy", "--format", "v2s2", "--src-tls-verify=false", "--dest-tls-verify=false",
                    "--src-creds", creds(r), "--dest-creds", creds(r),
                    "docker://" + r.host() + "/outputs/base-" + suffix + ":1", "docker://" + dockerBase).assertSuccess();
            Files.writeString(context.resolve("Dockerfile"), "FROM " + dockerBase + "\nCOPY msg.txt /again.txt\n");

            Path layout = registry.build(context).tag("outputs/layout-" + suffix + ":2").writeOciLayout(dir.resolve("layout"));

            assertThat(Files.readString(layout.resolve("index.json"))).contains("application/vnd.oci.image.manifest.v1+json")
                    .doesNotContain("vnd.docker");
            Commands.run(tools.skopeo().toString(), "inspect", "oci:" + layout + ":2").assertSuccess();
            Commands.run(umoci.toString(), "stat", "--image", layout + ":2").assertSuccess();
            Path bundle = dir.resolve("bundle");
            Commands.run(umoci.toString(), "unpack", "--rootless", "--image", layout + ":2", bundle.toString()).assertSuccess();
            assertThat(bundle.resolve("rootfs/again.txt")).hasContent("on a docker base");
        }
    }

    @Test
    void outputFiles_areAsReadableAsAnyFileTheUserWrites_andZstdLayersAreNamedSo(TestRegistry r, TestTools tools, @TempDir Path dir)
            throws Exception {
        Path reference = Files.createFile(dir.resolve("reference"));   // what the umask gives a new file
        try (Registry registry = registry(r)) {
            Path context = context(dir, tools, "modes");
            Path tar = registry.build(context).compression(io.github.ecrtoolkit.core.layer.compress.Compression.zstd())
                    .tag("outputs/modes:1").writeTarball(dir.resolve("image.tar"));
            Path layout = registry.build(context).tag("outputs/modes:1").writeOciLayout(dir.resolve("layout"));

            assertThat(Files.getPosixFilePermissions(tar)).isEqualTo(Files.getPosixFilePermissions(reference));
            try (var blobs = Files.list(layout.resolve("blobs/sha256"))) {
                assertThat(blobs.toList()).allSatisfy(blob ->
                        assertThat(Files.getPosixFilePermissions(blob)).isEqualTo(Files.getPosixFilePermissions(reference)));
            }
            String names = Commands.run("tar", "-tf", tar.toString()).assertSuccess().stdout();
            assertThat(names).contains(".tar.zst").doesNotContain(".tar.gz");
        }
    }

    private static String creds(TestRegistry r) {
        return r.username().orElseThrow() + ":" + r.password().orElseThrow();
    }
}
