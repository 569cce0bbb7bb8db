package io.github.ecrtoolkit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the test harness is real: the registry stores what the distribution API pushes (checked
 * with skopeo), and the Docker Engine builds and runs a busybox image. Uses none of the library's
 * code, so a failure here is about the services, not the library.
 */
@ExtendWith(TestServices.class)
class RealServicesSmokeIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void registry_storesWhatTheDistributionApiPushes_asSkopeoReadsIt(TestRegistry registry, TestTools tools)
            throws Exception {
        String auth = "Basic " + Base64.getEncoder().encodeToString(
                (registry.username().orElseThrow() + ":" + registry.password().orElseThrow()).getBytes(StandardCharsets.UTF_8));
        String repository = "smoke/hello-" + UUID.randomUUID().toString().substring(0, 8);

        byte[] layer = gzippedTarWith("hello.txt", "hello from the smoke test\n");
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]},"
                + "\"config\":{}}").getBytes(StandardCharsets.UTF_8);
        String layerDigest = uploadBlob(registry, auth, repository, layer);
        String configDigest = uploadBlob(registry, auth, repository, config);
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest
                + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\","
                + "\"digest\":\"" + layerDigest + "\",\"size\":" + layer.length + "}]}").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(registry.url() + "/v2/" + repository + "/manifests/1"))
                .header("Authorization", auth)
                .header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        assertThat(put.headers().firstValue("Docker-Content-Digest")).contains(sha256(manifest));

        Commands.Result raw = Commands.run(tools.skopeo().toString(), "inspect", "--raw", "--tls-verify=false",
                "--creds", registry.username().orElseThrow() + ":" + registry.password().orElseThrow(),
                "docker://" + registry.host() + "/" + repository + ":1").assertSuccess();
        assertThat(sha256(raw.stdout().getBytes(StandardCharsets.UTF_8))).isEqualTo(sha256(manifest));

        HttpResponse<Void> anonymous = http.send(HttpRequest.newBuilder(URI.create(registry.url() + "/v2/")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(anonymous.statusCode()).as("the registry must ask for Basic auth, as ECR does").isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
    }

    @Test
    void dockerEngine_buildsAndRunsABusyboxScratchImage(TestDockerEngine engine, TestTools tools, @TempDir Path dir)
            throws IOException {
        Path context = Files.createDirectories(dir.resolve("context"));
        Files.copy(tools.busybox(), context.resolve("busybox"));
        Files.writeString(context.resolve("Dockerfile"), String.join("\n",
                "FROM scratch",
                "COPY busybox /bin/busybox",
                "RUN [\"/bin/busybox\", \"sh\", \"-c\", \"echo built-by-engine > /out\"]",
                "CMD [\"/bin/busybox\", \"cat\", \"/out\"]", ""));
        String tag = "ecrtk-smoke:" + UUID.randomUUID().toString().substring(0, 8);
        Path config = Files.createDirectories(dir.resolve("docker-config"));

        engine.docker(config, "build", "--quiet", "--tag", tag, context.toString()).assertSuccess();
        try {
            Commands.Result run = engine.docker(config, "run", "--rm", tag).assertSuccess();
            assertThat(run.stdout().trim()).isEqualTo("built-by-engine");
        } finally {
            engine.docker(config, "rmi", "--force", tag);
        }
    }

    private String uploadBlob(TestRegistry registry, String auth, String repository, byte[] blob) throws Exception {
        HttpResponse<Void> start = http.send(HttpRequest.newBuilder(URI.create(registry.url() + "/v2/" + repository + "/blobs/uploads/"))
                .header("Authorization", auth).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(start.statusCode()).isEqualTo(202);
        String location = start.headers().firstValue("Location").orElseThrow();
        URI upload = URI.create(registry.url()).resolve(location);
        String digest = sha256(blob);
        String commit = upload + (upload.getQuery() == null ? "?" : "&") + "digest=" + digest;
        HttpResponse<Void> put = http.send(HttpRequest.newBuilder(URI.create(commit)).header("Authorization", auth)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(blob)).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(put.statusCode()).isEqualTo(201);
        return digest;
    }

    private static byte[] gzippedTarWith(String name, String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            byte[] data = content.getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setSize(data.length);
            tar.putArchiveEntry(entry);
            tar.write(data);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
