package io.github.ecrtoolkit.core.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.ecrtoolkit.core.dockerfile.BuildPlan;
import io.github.ecrtoolkit.core.dockerfile.DockerfilePlanner;
import io.github.ecrtoolkit.core.image.ContainerConfig;
import io.github.ecrtoolkit.testing.Commands;
import io.github.ecrtoolkit.testing.OpenRegistry;
import io.github.ecrtoolkit.testing.TestDockerEngine;
import io.github.ecrtoolkit.testing.TestRegistry;
import io.github.ecrtoolkit.testing.TestServices;
import io.github.ecrtoolkit.testing.TestTools;

/**
 * Layers written by {@link LayerBlobWriter} as independent tools read them: GNU tar lists them,
 * and a Docker Engine runs an image made only of them (a Dockerfile planned daemonless, pushed
 * with the JDK's HTTP client so that no other library code is involved).
 */
@ExtendWith(TestServices.class)
class LayerInteropIT {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void gnuTar_listsTheLayerWithRootOwnerFixedTimeAndModes(@TempDir Path dir, TestTools tools) throws Exception {
        Path context = Files.createDirectories(dir.resolve("context"));
        Files.copy(tools.busybox(), context.resolve("busybox"));
        Files.writeString(context.resolve("hello.txt"), "hello\n");
        Files.createSymbolicLink(context.resolve("greeting"), Path.of("hello.txt"));
        String longName = "very/" + "long-directory-name-for-pax-headers/".repeat(4) + "file.txt";
        Files.createDirectories(context.resolve(longName).getParent());
        Files.writeString(context.resolve(longName), "long\n");

        LayerBlob blob = LayerBlobWriter.create().write(
                LayerSpec.builder().context(context).add(context, "/app").build(), dir.resolve("blobs"));

        String listing = Commands.run("tar", "--numeric-owner", "-tvzf", blob.file().toString()).assertSuccess().stdout();
        assertThat(listing).contains("-rwxr-xr-x 0/0", "app/busybox", "app/greeting -> hello.txt", "app/" + longName);
        assertThat(listing.lines()).allSatisfy(line -> assertThat(line).contains(" 0/0 ").contains("1970-01-01 00:00"));
        Commands.run("gzip", "-t", blob.file().toString()).assertSuccess();

        Path out = Files.createDirectories(dir.resolve("extracted"));
        Commands.run("tar", "-xzf", blob.file().toString(), "-C", out.toString()).assertSuccess();
        assertThat(Files.readString(out.resolve("app/greeting"))).isEqualTo("hello\n");
        assertThat(Files.readString(out.resolve("app/" + longName))).isEqualTo("long\n");
    }

    @Test
    void dockerRuns_anImageBuiltDaemonlessFromADockerfile(@TempDir Path dir, TestTools tools, @OpenRegistry TestRegistry registry,
            TestDockerEngine engine) throws Exception {
        Path context = Files.createDirectories(dir.resolve("context"));
        Files.copy(tools.busybox(), context.resolve("busybox"));
        Files.writeString(context.resolve("hello.txt"), "copied by the daemonless builder\n");
        Files.writeString(context.resolve("ignored.txt"), "must not be in the image\n");
        Files.writeString(context.resolve(".dockerignore"), "ignored.txt\n");
        Files.writeString(context.resolve("Dockerfile"), String.join("\n",
                "FROM scratch",
                "COPY busybox /bin/busybox",
                "WORKDIR /data",
                "COPY *.txt ./",
                "ENV GREETING=from-env",
                "ENTRYPOINT [\"/bin/busybox\"]",
                "CMD [\"sh\", \"-c\", \"cat /data/hello.txt; echo $GREETING; ls /data\"]", ""));

        DockerfilePlanner planner = DockerfilePlanner.builder(context).build();
        BuildPlan plan = planner.plan(ContainerConfig.empty());
        LayerBlobWriter writer = LayerBlobWriter.create();
        String repository = "layers/interop-" + UUID.randomUUID().toString().substring(0, 8);

        List<Map<String, Object>> layers = new ArrayList<>();
        List<String> diffIds = new ArrayList<>();
        for (LayerSpec spec : plan.layers()) {
            LayerBlob blob = writer.write(spec, dir.resolve("blobs"));
            upload(registry, repository, Files.readAllBytes(blob.file()), blob.digest());
            layers.add(Map.of("mediaType", blob.mediaType(), "digest", blob.digest(), "size", blob.size()));
            diffIds.add(blob.diffId());
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("created", "1970-01-01T00:00:00Z");
        config.put("architecture", "amd64");
        config.put("os", "linux");
        config.put("config", plan.config());
        config.put("rootfs", Map.of("type", "layers", "diff_ids", diffIds));
        config.put("history", plan.history().stream().map(h -> h.emptyLayer()
                ? Map.of("created_by", h.createdBy(), "empty_layer", true) : Map.of("created_by", h.createdBy())).toList());
        byte[] configBytes = json.writeValueAsBytes(config);
        String configDigest = sha256(configBytes);
        upload(registry, repository, configBytes, configDigest);

        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        manifest.put("config", Map.of("mediaType", "application/vnd.oci.image.config.v1+json", "digest", configDigest,
                "size", configBytes.length));
        manifest.put("layers", layers);
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(registry.url() + "/v2/" + repository + "/manifests/1"))
                .header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(manifest))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);

        String image = registry.host() + "/" + repository + ":1";
        Path dockerConfig = Files.createDirectories(dir.resolve("docker-config"));
        try {
            engine.docker(dockerConfig, "pull", image).assertSuccess();
            Commands.Result run = engine.docker(dockerConfig, "run", "--rm", image).assertSuccess();
            assertThat(run.stdout()).isEqualTo("copied by the daemonless builder\nfrom-env\nhello.txt\n");
        } finally {
            engine.docker(dockerConfig, "rmi", "--force", image);
        }
    }

    private void upload(TestRegistry registry, String repository, byte[] blob, String digest) throws Exception {
        HttpResponse<Void> start = http.send(HttpRequest.newBuilder(URI.create(registry.url() + "/v2/" + repository + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(start.statusCode()).isEqualTo(202);
        URI upload = URI.create(registry.url()).resolve(start.headers().firstValue("Location").orElseThrow());
        URI commit = URI.create(upload + (upload.getQuery() == null ? "?" : "&") + "digest=" + digest);
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(commit).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(blob)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
