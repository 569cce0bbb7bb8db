package io.github.ecrtoolkit.core;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.ecrtoolkit.core.cache.LayerCache;
import io.github.ecrtoolkit.core.deploy.ImagePlatforms;
import io.github.ecrtoolkit.core.image.Digest;
import io.github.ecrtoolkit.core.image.MediaTypes;
import io.github.ecrtoolkit.core.image.Platform;
import io.github.ecrtoolkit.testing.Commands;
import io.github.ecrtoolkit.testing.OpenRegistry;
import io.github.ecrtoolkit.testing.RegistryProxy;
import io.github.ecrtoolkit.testing.TestDockerEngine;
import io.github.ecrtoolkit.testing.TestRegistry;
import io.github.ecrtoolkit.testing.TestServices;
import io.github.ecrtoolkit.testing.TestTools;

/**
 * Multi-platform pushes to the real registry, over bases the tests push as image indexes (busybox
 * for amd64, an arm64 image made of files), read back with plain HTTP, skopeo and the Docker Engine.
 */
@ExtendWith(TestServices.class)
class MultiPlatformIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Platform AMD64 = Platform.parse("linux/amd64");
    private static final Platform ARM64 = Platform.parse("linux/arm64");

    /** The base images: one per platform, and an index (OCI or Docker-typed) over the given ones. */
    record Bases(String amd64, String arm64, String index) {
    }

    /** Bases pushed and a context over their index ({@link #archContext}), with plain HTTP to read what is pushed. */
    record Fixture(RegistryHttp http, Bases bases, Path context, String baseIndex) {

        static Fixture pushed(Registry registry, TestRegistry r, TestTools tools, Path dir, List<Platform> platforms, boolean dockerTyped)
                throws Exception {
            RegistryHttp http = new RegistryHttp(r);
            Bases bases = pushBases(registry, http, tools, dir, PushIT.unique("multi/base"), platforms, dockerTyped);
            String baseIndex = r.host() + "/" + bases.index();
            return new Fixture(http, bases, archContext(dir, baseIndex), baseIndex);
        }
    }

    @Test
    void push_twoPlatforms_pushesAnIndexOverValidChildren_sharedLayersOnce_andDockerRunsTheAmd64One(
            @OpenRegistry TestRegistry r, TestTools tools, TestDockerEngine engine, @TempDir Path dir) throws Exception {
        // the open registry: a push through the proxy sends blob bodies to the registry's own address, where Basic auth is not sent
        try (RegistryProxy proxy = new RegistryProxy(r); Registry registry = viaProxy(proxy, r)) {
            RegistryHttp http = new RegistryHttp(r);
            Bases bases = pushBases(registry, http, tools, dir, PushIT.unique("multi/base"), List.of(AMD64, ARM64), false);
            Path context = archContext(dir, proxy.host() + "/" + bases.index());
            String repository = PushIT.unique("multi/app");
            proxy.server().resetRequests();

            PushResult result = registry.build(context).platforms("linux/amd64", "linux/arm64").tag(repository + ":1").push();

            assertThat(result.isIndex()).isTrue();
            assertThat(result.manifestMediaType()).isEqualTo(MediaTypes.OCI_INDEX);
            assertThat(result.platformImages()).extracting(PlatformImage::platform).containsExactly(AMD64, ARM64);
            JsonNode index = JSON.readTree(http.get(repository, "1").bytes());
            assertValidIndex(index, MediaTypes.OCI_INDEX);
            assertThat(Digest.sha256(http.get(repository, "1").bytes())).isEqualTo(result.digest());
            JsonNode amd = child(http, repository, index, "amd64", MediaTypes.OCI_MANIFEST);
            JsonNode arm = child(http, repository, index, "arm64", MediaTypes.OCI_MANIFEST);

            // base layers first (busybox + marker for amd64, marker for arm64), then the shared COPY, then the per-platform one
            String sharedLayer = amd.path("layers").get(2).path("digest").asText();
            assertThat(arm.path("layers").get(1).path("digest").asText()).isEqualTo(sharedLayer);
            assertThat(amd.path("layers").get(3).path("digest").asText()).isNotEqualTo(arm.path("layers").get(2).path("digest").asText());
            assertThat(result.layers().stream().filter(l -> l.digest().toString().equals(sharedLayer))).hasSize(1);

            // uploaded once each: the shared layer, the two per-platform layers and the two configs; base layers are mounted
            String uploads = "/v2/" + repository + "/blobs/uploads/";
            long started = proxy.server().findAll(postRequestedFor(urlPathMatching(uploads))).stream()
                    .filter(request -> !request.getUrl().contains("mount=")).count();
            assertThat(started).isEqualTo(5);
            // one manifest PUT per platform, plus the index
            assertThat(proxy.server().findAll(putRequestedFor(urlPathMatching("/v2/" + repository + "/manifests/.*")))).hasSize(3);

            String ref = r.host() + "/" + repository + ":1";
            JsonNode raw = JSON.readTree(skopeo(r, tools, "inspect", "--raw", "docker://" + ref));
            assertThat(raw.path("mediaType").asText()).isEqualTo(MediaTypes.OCI_INDEX);
            assertThat(raw.path("manifests")).hasSize(2);
            JsonNode armInspect = JSON.readTree(skopeo(r, tools, "--override-arch", "arm64", "inspect", "docker://" + ref));
            assertThat(armInspect.path("Architecture").asText()).isEqualTo("arm64");
            assertThat(armInspect.path("Layers").toString()).contains(arm.path("layers").get(2).path("digest").asText());
            JsonNode armConfig = JSON.readTree(skopeo(r, tools, "--override-arch", "arm64", "inspect", "--config", "--raw",
                    "docker://" + ref));
            assertThat(armConfig.path("architecture").asText()).isEqualTo("arm64");
            assertThat(armConfig.path("rootfs").path("diff_ids")).hasSize(3);

            assertThat(PushIT.dockerRun(engine, r, dir, ref)).isEqualTo("built for amd64\nbase amd64");
        }
    }

    @Test
    void push_sameInputsTwice_givesTheSameIndexDigest_andTheOciLayoutHoldsThatIndex(TestRegistry r, TestTools tools, @TempDir Path dir)
            throws Exception {
        try (Registry registry = PushIT.registry(r)) {
            Fixture f = Fixture.pushed(registry, r, tools, dir, List.of(AMD64, ARM64), false);
            RegistryHttp http = f.http();
            Path context = f.context();
            String repository = PushIT.unique("multi/repro");
            PushResult first = inCode(registry.build(context), f.baseIndex()).layerCache(LayerCache.at(dir.resolve("c1")))
                    .tag(repository + ":a").push();
            PushResult second = inCode(registry.build(context), f.baseIndex()).noLayerCache()
                    .tag(repository + ":b").push();
            assertThat(second.digest()).isEqualTo(first.digest());
            assertThat(second.platformImages()).isEqualTo(first.platformImages());

            // the layer set for one platform is in that platform's image only
            JsonNode index = JSON.readTree(http.get(repository, "a").bytes());
            JsonNode arm = child(http, repository, index, "arm64", MediaTypes.OCI_MANIFEST);
            JsonNode armConfig = JSON.readTree(http.blob(repository, arm.path("config").path("digest").asText()));
            assertThat(armConfig.path("history").toString()).contains("arm64.txt").doesNotContain("amd64.txt");

            Path layout = inCode(Image.options().allowInsecureLoopback(true).baseImageCredentials(host -> credentials(r)).build(context),
                    f.baseIndex()).tag("app:multi").writeOciLayout(dir.resolve("oci"));
            JsonNode entry = JSON.readTree(layout.resolve("index.json").toFile()).path("manifests").get(0);
            assertThat(entry.path("mediaType").asText()).isEqualTo(MediaTypes.OCI_INDEX);
            assertThat(entry.path("digest").asText()).isEqualTo(first.digest().toString());
            JsonNode fromLayout = JSON.readTree(Commands.run(Duration.ofMinutes(2), List.of(tools.skopeo().toString(), "inspect", "--raw",
                    "oci:" + layout + ":multi")).assertSuccess().stdout());
            assertValidIndex(fromLayout, MediaTypes.OCI_INDEX);

            Path tarball = inCode(Image.options().allowInsecureLoopback(true).baseImageCredentials(host -> credentials(r)).build(context),
                    f.baseIndex()).tag("app:multi").writeTarball(dir.resolve("app.tar"));
            assertThat(tarballArchitecture(tarball)).isEqualTo(Platform.host().architecture());
        }
    }

    @Test
    void push_dockerTypedBases_pushesADockerManifestListOverDockerManifests(TestRegistry r, TestTools tools, @TempDir Path dir)
            throws Exception {
        try (Registry registry = PushIT.registry(r)) {
            Fixture f = Fixture.pushed(registry, r, tools, dir, List.of(AMD64, ARM64), true);
            RegistryHttp http = f.http();
            Bases bases = f.bases();
            Path context = f.context();
            String repository = PushIT.unique("multi/docker-app");
            PushResult result = registry.build(context).platforms("linux/amd64", "linux/arm64").tag(repository + ":1").push();
            assertThat(result.manifestMediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_LIST);
            JsonNode index = JSON.readTree(http.get(repository, "1").bytes());
            assertValidIndex(index, MediaTypes.DOCKER_MANIFEST_LIST);
            for (String arch : List.of("amd64", "arm64")) {
                JsonNode child = child(http, repository, index, arch, MediaTypes.DOCKER_MANIFEST);
                child.path("layers").forEach(l -> assertThat(l.path("mediaType").asText()).isEqualTo(MediaTypes.DOCKER_LAYER_GZIP));
            }
            JsonNode raw = JSON.readTree(skopeo(r, tools, "inspect", "--raw", "docker://" + r.host() + "/" + repository + ":1"));
            assertThat(raw.path("mediaType").asText()).isEqualTo(MediaTypes.DOCKER_MANIFEST_LIST);

            // what a deployer checks against its target: the index's platforms, a single manifest's config
            ImagePlatforms platforms = ImagePlatforms.from(registry);
            assertThat(platforms.of(result.imageUri())).containsExactly(AMD64, ARM64);
            assertThat(platforms.of(r.host() + "/" + bases.arm64())).containsExactly(ARM64);
            assertThat(registry.platformsOf(bases.amd64())).containsExactly(AMD64);
            assertThat(platforms.of("registry.example.com/elsewhere:1")).isEmpty();
        }
    }

    @Test
    void push_baseWithoutArm64_isRefusedNamingWhatItHas_andNothingIsTagged(TestRegistry r, TestTools tools, @TempDir Path dir)
            throws Exception {
        try (Registry registry = PushIT.registry(r)) {
            Fixture f = Fixture.pushed(registry, r, tools, dir, List.of(AMD64), false);
            RegistryHttp http = f.http();
            Path context = f.context();
            String repository = PushIT.unique("multi/refused");

            assertThatThrownBy(() -> registry.build(context).platforms("linux/amd64", "linux/arm64").tag(repository + ":1").push())
                    .isInstanceOfSatisfying(EcrToolkitException.class,
                            e -> assertThat(e.reason()).isEqualTo(EcrToolkitException.Reason.NOT_FOUND))
                    .hasMessageContaining("has no linux/arm64 image").hasMessageContaining("it has linux/amd64");
            assertThat(http.exists(repository, "1")).isFalse();
        }
    }

    @Test
    void push_onePlatform_overASingleManifestOfAnotherArchitecture_isRefused_notPushedAsIs(TestRegistry r, TestTools tools,
                                                                                          @TempDir Path dir) throws Exception {
        try (Registry registry = PushIT.registry(r)) {
            RegistryHttp http = new RegistryHttp(r);
            Bases bases = pushBases(registry, http, tools, dir, PushIT.unique("multi/single"), List.of(AMD64), false);
            String amd64Only = r.host() + "/" + bases.amd64();
            Path context = archContext(dir, amd64Only);
            String repository = PushIT.unique("multi/refused-single");

            assertThatThrownBy(() -> registry.build(context).platform("linux/arm64").tag(repository + ":dockerfile").push())
                    .isInstanceOf(EcrToolkitException.class)
                    .hasMessageContaining("has no linux/arm64 image").hasMessageContaining("linux/amd64 only");
            assertThatThrownBy(() -> registry.image().from(amd64Only).platform("linux/arm64").tag(repository + ":code").push())
                    .isInstanceOf(EcrToolkitException.class).hasMessageContaining("linux/amd64 only");
            assertThat(http.exists(repository, "dockerfile")).isFalse();
            assertThat(http.exists(repository, "code")).isFalse();
            // the platform it has still builds
            assertThat(registry.build(context).platform("linux/amd64").tag(repository + ":ok").push().isIndex()).isFalse();
        }
    }

    // ---- helpers ----

    private static Registry viaProxy(RegistryProxy proxy, TestRegistry r) {
        return Registry.builder().host(proxy.host()).credentials(credentials(r)).allowInsecureLoopback(true).build();
    }

    private static RegistryCredentials credentials(TestRegistry r) {
        return r.requiresAuth() ? RegistryCredentials.basic(r.username().orElseThrow(), r.password().orElseThrow())
                : RegistryCredentials.anonymous();
    }

    /** A context whose Dockerfile copies a shared folder and, by {@code TARGETARCH}, one file per platform. */
    private static Path archContext(Path dir, String base) throws Exception {
        Path context = Files.createDirectories(dir.resolve("ctx-" + PushIT.unique("c")));
        Files.createDirectories(context.resolve("shared"));
        Files.writeString(context.resolve("shared/app.txt"), "the same on every platform\n");
        Files.createDirectories(context.resolve("arch"));
        Files.writeString(context.resolve("arch/amd64.txt"), "built for amd64\n");
        Files.writeString(context.resolve("arch/arm64.txt"), "built for arm64\n");
        Files.writeString(context.resolve("Dockerfile"), String.join("\n",
                "FROM " + base,
                "ARG TARGETARCH",
                "COPY shared/ /app/shared/",
                "COPY arch/${TARGETARCH}.txt /app/arch.txt",
                "ENTRYPOINT [\"/bin/busybox\", \"cat\", \"/app/arch.txt\", \"/etc/base-arch\"]", ""));
        return context;
    }

    /** The same image set in code: the shared folder, and each platform's file by {@code layer(platform, ..)}. */
    private static ImageBuild inCode(ImageBuild build, String base) {
        return build.from(base).platforms("linux/amd64", "linux/arm64")
                .layer("shared", "/app/shared")
                .layer(AMD64, "arch/amd64.txt", "/app/arch.txt")
                .layer(ARM64, "arch/arm64.txt", "/app/arch.txt")
                .entrypoint("/bin/busybox", "cat", "/app/arch.txt");
    }

    /**
     * Pushes one single-platform image per platform of {@code platforms} (busybox and a marker file
     * for amd64, a marker file for arm64) and an index over them put together by hand; with
     * {@code dockerTyped}, the images are renamed to Docker v2.2 types and the index is a manifest list.
     */
    private static Bases pushBases(Registry registry, RegistryHttp http, TestTools tools, Path dir, String repository,
                                   List<Platform> platforms, boolean dockerTyped) throws Exception {
        Path files = Files.createDirectories(dir.resolve("base-" + PushIT.unique("f")));
        Files.writeString(files.resolve("amd64"), "base amd64\n");
        Files.writeString(files.resolve("arm64"), "base arm64\n");
        PushResult amd = registry.image().layer(tools.busybox(), "/bin/busybox").layer(files.resolve("amd64"), "/etc/base-arch")
                .platform(AMD64).tag(repository + ":amd64").push();
        PushResult arm = registry.image().layer(files.resolve("arm64"), "/etc/base-arch").platform(ARM64).tag(repository + ":arm64").push();
        StringBuilder entries = new StringBuilder();
        for (Platform platform : platforms) {
            byte[] manifest = http.get(repository, (platform.equals(AMD64) ? amd : arm).digest().toString()).bytes();
            String type = MediaTypes.OCI_MANIFEST;
            if (dockerTyped) {
                manifest = new String(manifest, StandardCharsets.UTF_8).replace(MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_MANIFEST)
                        .replace(MediaTypes.OCI_CONFIG, MediaTypes.DOCKER_CONFIG).replace(MediaTypes.OCI_LAYER_GZIP, MediaTypes.DOCKER_LAYER_GZIP)
                        .getBytes(StandardCharsets.UTF_8);
                type = MediaTypes.DOCKER_MANIFEST;
                http.put(repository, Digest.sha256(manifest).toString(), type, manifest);
            }
            entries.append(entries.length() > 0 ? "," : "").append("{\"mediaType\":\"").append(type).append("\",\"digest\":\"")
                    .append(Digest.sha256(manifest)).append("\",\"size\":").append(manifest.length)
                    .append(",\"platform\":{\"architecture\":\"").append(platform.architecture()).append("\",\"os\":\"linux\"}}");
        }
        String indexType = dockerTyped ? MediaTypes.DOCKER_MANIFEST_LIST : MediaTypes.OCI_INDEX;
        String index = "{\"schemaVersion\":2,\"mediaType\":\"" + indexType + "\",\"manifests\":[" + entries + "]}";
        http.put(repository, "multi", indexType, index.getBytes(StandardCharsets.UTF_8));
        return new Bases(repository + ":amd64", repository + ":arm64", repository + ":multi");
    }

    /** The required fields of an image index (OCI image-spec {@code image-index-schema}) and of each entry's platform. */
    private static void assertValidIndex(JsonNode index, String mediaType) {
        assertThat(index.path("schemaVersion").asInt()).isEqualTo(2);
        assertThat(index.path("mediaType").asText()).isEqualTo(mediaType);
        assertThat(index.path("manifests").isArray()).isTrue();
        Set<String> platforms = new HashSet<>();
        for (JsonNode entry : index.path("manifests")) {
            assertDescriptor(entry, MediaTypes.isDocker(mediaType) ? MediaTypes.DOCKER_MANIFEST : MediaTypes.OCI_MANIFEST);
            assertThat(entry.path("platform").path("os").isTextual()).isTrue();
            assertThat(entry.path("platform").path("architecture").isTextual()).isTrue();
            platforms.add(entry.path("platform").path("os").asText() + "/" + entry.path("platform").path("architecture").asText());
        }
        assertThat(platforms).hasSize(index.path("manifests").size());
    }

    /** The index entry of {@code arch}, read and checked as a manifest (OCI {@code image-manifest-schema}) with a matching config. */
    private static JsonNode child(RegistryHttp http, String repository, JsonNode index, String arch, String mediaType) throws Exception {
        JsonNode entry = null;
        for (JsonNode e : index.path("manifests")) {
            if (e.path("platform").path("architecture").asText().equals(arch)) {
                entry = e;
            }
        }
        assertThat(entry).as("index entry for " + arch).isNotNull();
        RegistryHttp.Manifest stored = http.get(repository, entry.path("digest").asText());
        assertThat(Digest.sha256(stored.bytes()).toString()).isEqualTo(entry.path("digest").asText());
        assertThat((long) stored.bytes().length).isEqualTo(entry.path("size").asLong());
        JsonNode manifest = JSON.readTree(stored.bytes());
        assertThat(manifest.path("schemaVersion").asInt()).isEqualTo(2);
        assertThat(manifest.path("mediaType").asText()).isEqualTo(mediaType);
        assertDescriptor(manifest.path("config"), MediaTypes.configTypeFor(mediaType));
        assertThat(manifest.path("layers").isArray()).isTrue();
        manifest.path("layers").forEach(l -> assertDescriptor(l, null));
        byte[] configBytes = http.blob(repository, manifest.path("config").path("digest").asText());
        JsonNode config = JSON.readTree(configBytes);
        assertThat(config.path("architecture").asText()).isEqualTo(arch);
        assertThat(config.path("os").asText()).isEqualTo("linux");
        assertThat(config.path("rootfs").path("diff_ids")).hasSize(manifest.path("layers").size());
        return manifest;
    }

    private static void assertDescriptor(JsonNode d, String mediaType) {
        assertThat(d.path("mediaType").isTextual()).isTrue();
        if (mediaType != null) {
            assertThat(d.path("mediaType").asText()).isEqualTo(mediaType);
        }
        assertThat(d.path("digest").asText()).matches("sha256:[a-f0-9]{64}");
        assertThat(d.path("size").isIntegralNumber()).isTrue();
    }

    private static String skopeo(TestRegistry r, TestTools tools, String... args) {
        List<String> cmd = new ArrayList<>(List.of(tools.skopeo().toString()));
        int inspect = List.of(args).indexOf("inspect");
        cmd.addAll(List.of(args).subList(0, inspect + 1));
        cmd.add("--tls-verify=false");
        r.username().ifPresent(u -> cmd.addAll(List.of("--creds", u + ":" + r.password().orElseThrow())));
        cmd.addAll(List.of(args).subList(inspect + 1, args.length));
        return Commands.run(Duration.ofMinutes(2), cmd).assertSuccess().stdout();
    }

    /** The architecture in the config of the one image of a docker-load tarball. */
    private static String tarballArchitecture(Path tarball) throws Exception {
        String configName = null;
        java.util.Map<String, byte[]> entries = new java.util.HashMap<>();
        try (InputStream in = Files.newInputStream(tarball); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (entry.getName().endsWith(".json")) {
                    entries.put(entry.getName(), tar.readAllBytes());
                }
            }
        }
        JsonNode manifest = JSON.readTree(entries.get("manifest.json"));
        assertThat(manifest).hasSize(1);
        configName = manifest.get(0).path("Config").asText();
        return JSON.readTree(entries.get(configName)).path("architecture").asText();
    }
}
