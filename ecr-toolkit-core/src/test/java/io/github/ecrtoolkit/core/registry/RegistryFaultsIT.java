package io.github.ecrtoolkit.core.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.github.ecrtoolkit.core.ImageBuild;
import io.github.ecrtoolkit.core.LayerPushStatus;
import io.github.ecrtoolkit.core.PushResult;
import io.github.ecrtoolkit.core.Registry;
import io.github.ecrtoolkit.core.RegistryCredentials;
import io.github.ecrtoolkit.core.image.Digest;
import io.github.ecrtoolkit.testing.OpenRegistry;
import io.github.ecrtoolkit.testing.RegistryProxy;
import io.github.ecrtoolkit.testing.TcpFaultProxy;
import io.github.ecrtoolkit.testing.TestRegistry;
import io.github.ecrtoolkit.testing.TestServices;

/**
 * Faults injected by a WireMock proxy in front of the real registry. Each push either succeeds or
 * fails with a clear error, and a tag never points at a missing blob.
 */
@ExtendWith(TestServices.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RegistryFaultsIT {

    private WireMockServer proxy;
    private TestRegistry real;
    private TestRegistry open;

    /**
     * WireMock in front of the registry without auth. It un-gzips bodies that look gzipped, so blob
     * bodies must not pass it: without the Host header preserved, the registry answers upload
     * locations on its own address and PATCH/PUT go there directly. Faults on those go through
     * {@link TcpFaultProxy} instead.
     */
    @BeforeEach
    void start(TestRegistry registry, @OpenRegistry TestRegistry openRegistry) {
        real = registry;
        open = openRegistry;
        proxy = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        proxy.start();
        proxy.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(openRegistry.url())));
    }

    @AfterEach
    void stop() {
        proxy.stop();
    }

    private Registry throughProxy() {
        return through("127.0.0.1:" + proxy.port(), RegistryCredentials.anonymous());
    }

    private Registry direct() {
        return Registry.builder().host(open.host()).allowInsecureLoopback(true).build();
    }

    private Registry through(String host, RegistryCredentials credentials) {
        return Registry.builder().host(host).credentials(credentials)
                .allowInsecureLoopback(true).retries(4, Duration.ofMillis(50), Duration.ofSeconds(3)).build();
    }

    private RegistryCredentials realCredentials() {
        return RegistryCredentials.basic(real.username().orElseThrow(), real.password().orElseThrow());
    }

    private Registry realDirect() {
        return Registry.builder().host(real.host()).credentials(realCredentials()).allowInsecureLoopback(true).build();
    }

    private int realPort() {
        return Integer.parseInt(real.host().substring(real.host().lastIndexOf(':') + 1));
    }

    private static ImageBuild image(Registry registry, Path dir, String content) throws Exception {
        Path file = Files.writeString(Files.createDirectories(dir).resolve("data.txt"), content);
        return registry.image().layer(file, "/data.txt").cmd("/data.txt");
    }

    private static String repo(String name) {
        return "faults/" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private void onceThen(com.github.tomakehurst.wiremock.client.MappingBuilder fault) {
        proxy.stubFor(fault.atPriority(1).inScenario("once").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("done"));
    }

    @Test
    void throttled429WithRetryAfter_isWaitedFor_andThePushSucceeds(@TempDir Path dir) throws Exception {
        onceThen(post(urlPathMatching("/v2/.*/blobs/uploads/")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                .withBody("{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"slow down\"}]}")));
        String tag = repo("throttled") + ":1";
        try (Registry registry = throughProxy(); Registry check = direct()) {
            long start = System.nanoTime();
            PushResult result = image(registry, dir, "throttled " + UUID.randomUUID()).tag(tag).push();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
            assertThat(check.digestOf(tag)).contains(result.digest());
        }
    }

    @Test
    void serviceUnavailable503OnTheManifest_isRetried(@TempDir Path dir) throws Exception {
        onceThen(put(urlPathMatching("/v2/.*/manifests/.*")).willReturn(aResponse().withStatus(503)));
        String tag = repo("unavailable") + ":1";
        try (Registry registry = throughProxy(); Registry check = direct()) {
            PushResult result = image(registry, dir, "503 " + UUID.randomUUID()).tag(tag).push();
            assertThat(check.digestOf(tag)).contains(result.digest());
        }
    }

    @Test
    void connectionCutMidUpload_restartsTheUpload_andSucceeds(@TempDir Path dir) throws Exception {
        String tag = repo("cut") + ":1";
        try (TcpFaultProxy cut = new TcpFaultProxy(realPort()).inject(TcpFaultProxy.Fault.RESET_UPLOAD, 1);
             Registry registry = through(cut.host(), realCredentials()); Registry check = realDirect()) {
            PushResult result = image(registry, dir, "cut " + UUID.randomUUID()).tag(tag).push();
            assertThat(cut.injected()).isEqualTo(1);
            assertThat(cut.patches()).isEqualTo(3); // layer twice, config once
            assertThat(result.layers()).extracting(l -> l.status()).containsExactly(LayerPushStatus.PUSHED);
            assertThat(check.digestOf(tag)).contains(result.digest());
        }
    }

    @Test
    void commitWhoseAnswerIsLostAfterTheBlobWasStored_isDetectedByHead_withoutUploadingAgain(@TempDir Path dir) throws Exception {
        String tag = repo("commit") + ":1";
        try (TcpFaultProxy lose = new TcpFaultProxy(realPort()).inject(TcpFaultProxy.Fault.LOSE_COMMIT_ANSWER, 1);
             Registry registry = through(lose.host(), realCredentials()); Registry check = realDirect()) {
            PushResult result = image(registry, dir, "commit " + UUID.randomUUID()).tag(tag).push();
            assertThat(lose.injected()).isEqualTo(1);
            assertThat(lose.commits()).as("one commit per blob: layer and config, none repeated").isEqualTo(2);
            assertThat(lose.patches()).isEqualTo(2);
            assertThat(check.digestOf(tag)).contains(result.digest());
        }
    }

    @Test
    void registryDownForGood_failsClearly_andTheTagIsNotCreated(@TempDir Path dir) throws Exception {
        proxy.stubFor(post(urlPathMatching("/v2/.*/blobs/uploads/")).atPriority(1).willReturn(aResponse().withStatus(503)));
        String tag = repo("down") + ":1";
        try (Registry registry = throughProxy(); Registry check = direct()) {
            assertThatThrownBy(() -> image(registry, dir, "down " + UUID.randomUUID()).tag(tag).push())
                    .isInstanceOf(RegistryUnavailableException.class).hasMessageContaining("503").hasMessageContaining("4");
            assertThat(check.digestOf(tag)).isEmpty();
        }
    }

    @Test
    void missingRepository_asEcrAnswersIt_failsSuggestingToCreateIt(@TempDir Path dir) throws Exception {
        proxy.stubFor(post(urlPathMatching("/v2/.*/blobs/uploads/")).atPriority(1).willReturn(aResponse().withStatus(404)
                .withBody("{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"The repository with name 'x' does not exist\"}]}")));
        String name = repo("missing");
        try (Registry registry = throughProxy()) {
            assertThatThrownBy(() -> image(registry, dir, "missing " + UUID.randomUUID()).tag(name + ":1").push())
                    .isInstanceOf(RepositoryNotFoundException.class).hasMessageContaining(name).hasMessageContaining("createRepository")
                    .satisfies(e -> assertThat(((RegistryException) e).code()).contains("NAME_UNKNOWN"));
        }
    }

    @Test
    void immutableTag_sameDigestIsSuccess_differentDigestNamesTheTag(@TempDir Path dir) throws Exception {
        String tag = repo("immutable") + ":1";
        try (Registry registry = throughProxy()) {
            PushResult first = image(registry, dir.resolve("a"), "same").tag(tag).push();
            proxy.stubFor(put(urlPathMatching("/v2/.*/manifests/1")).atPriority(1).willReturn(aResponse().withStatus(400)
                    .withBody("{\"errors\":[{\"code\":\"TAG_INVALID\",\"message\":\"The image tag '1' already exists and cannot be overwritten because the repository is immutable.\"}]}")));

            PushResult again = image(registry, dir.resolve("b"), "same").tag(tag).push();
            assertThat(again.digest()).isEqualTo(first.digest());
            assertThatThrownBy(() -> image(registry, dir.resolve("c"), "different").tag(tag).push())
                    .isInstanceOf(ImmutableTagException.class).hasMessageContaining("'1'").hasMessageContaining(first.digest().toString());
        }
    }

    @Test
    void headOfBlobs_isAskedBeforeEveryUpload(@TempDir Path dir) throws Exception {
        String tag = repo("head") + ":1";
        try (Registry registry = throughProxy()) {
            image(registry, dir, "head " + UUID.randomUUID()).tag(tag).push();
        }
        assertThat(proxy.findAll(anyRequestedFor(urlPathMatching("/v2/.*/blobs/sha256:.*")))
                .stream().filter(r -> r.getMethod().getName().equals("HEAD")).count()).isEqualTo(2);
        assertThat(proxy.findAll(anyRequestedFor(urlPathMatching("/v2/.*/blobs/uploads/")))
                .stream().filter(r -> r.getMethod().getName().equals("POST")).count()).isEqualTo(2);
    }

    @Test
    void bearerChallenge_fetchesATokenForTheRepositoryScope_andPushes(@TempDir Path dir) throws Exception {
        String challenge = "Bearer realm=\"" + proxy.baseUrl() + "/token\",service=\"test-registry\"";
        proxy.stubFor(any(anyUrl()).atPriority(8).willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", challenge)
                .withBody("{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}")));
        proxy.stubFor(any(anyUrl()).atPriority(5).withHeader("Authorization", equalTo("Bearer tok-123"))
                .willReturn(aResponse().proxiedFrom(open.url())));
        proxy.stubFor(get(urlPathEqualTo("/token")).atPriority(1).withBasicAuth("user", "pw")
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"token\":\"tok-123\"}")));
        String name = repo("bearer");
        try (Registry registry = through("127.0.0.1:" + proxy.port(), RegistryCredentials.basic("user", "pw")); Registry check = direct()) {
            PushResult result = image(registry, dir, "bearer " + UUID.randomUUID()).tag(name + ":1").push();
            assertThat(check.digestOf(name + ":1")).contains(result.digest());
        }
        proxy.verify(getRequestedFor(urlPathEqualTo("/token")).withQueryParam("service", equalTo("test-registry"))
                .withQueryParam("scope", equalTo("repository:" + name + ":pull,push")));
    }

    @Test
    void requestsInFlight_neverExceedTheCap(@TempDir Path dir) throws Exception {
        try (RegistryProxy capped = new RegistryProxy(open).slowBlobChecks(300);
             Registry registry = Registry.builder().host(capped.host()).allowInsecureLoopback(true).maxConcurrentRequests(2).build()) {
            ImageBuild build = registry.image();
            for (int i = 0; i < 5; i++) {
                Path file = Files.writeString(Files.createDirectories(dir.resolve("l" + i)).resolve("f.txt"), "layer " + i + UUID.randomUUID());
                build.layer(file, "/f" + i + ".txt");
            }
            build.tag(repo("cap") + ":1").push();

            assertThat(capped.maxInFlight()).as("requests in flight at once").isEqualTo(2);
        }
    }

    @Test
    void mountAnsweredWith202_asEcrDoesWithoutMounts_fallsBackToUploading(@TempDir Path dir) throws Exception {
        proxy.stubFor(post(urlPathMatching("/v2/.*/blobs/uploads/")).withQueryParam("mount", matching(".+")).atPriority(1)
                .willReturn(aResponse().withStatus(202).withHeader("Location", "/v2/ignored/blobs/uploads/abandoned")));
        String base = repo("mountbase") + ":1";
        try (Registry registry = throughProxy(); Registry check = direct()) {
            image(registry, dir.resolve("base"), "base " + UUID.randomUUID()).tag(base).push();
            Path context = Files.createDirectories(dir.resolve("ctx"));
            Files.writeString(context.resolve("more.txt"), "more");
            Files.writeString(context.resolve("Dockerfile"), "FROM 127.0.0.1:" + proxy.port() + "/" + base + "\nCOPY more.txt /more.txt\n");
            String tag = repo("mounted") + ":1";
            PushResult result = registry.build(context).tag(tag).push();
            assertThat(result.layers()).extracting(l -> l.status()).containsExactly(LayerPushStatus.PUSHED, LayerPushStatus.PUSHED);
            assertThat(check.digestOf(tag)).contains(result.digest());
        }
        assertThat(proxy.findAll(anyRequestedFor(urlPathMatching("/v2/.*/blobs/uploads/")).withQueryParam("mount", matching(".+")))).hasSize(1);
    }

    /**
     * A refused mount means the base layer is copied through the same registry: its download runs
     * inside the upload's step. With the cap counting steps, not requests, no request ever waits for
     * a slot while holding one, so even one or two in flight complete (a per-request cap stalled
     * here: each upload held a permit while its body waited for one to download from).
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void mountRefused_copiesThroughTheSameRegistry_evenWithOneOrTwoRequestsInFlight(int cap, @TempDir Path dir) throws Exception {
        proxy.stubFor(post(urlPathMatching("/v2/.*/blobs/uploads/")).withQueryParam("mount", matching(".+")).atPriority(1)
                .willReturn(aResponse().withStatus(202).withHeader("Location", "/v2/ignored/blobs/uploads/abandoned")));
        String base = repo("capbase") + ":1";
        try (Registry registry = Registry.builder().host("127.0.0.1:" + proxy.port()).allowInsecureLoopback(true)
                .maxConcurrentRequests(cap).build(); Registry check = direct()) {
            ImageBuild baseBuild = registry.image();
            for (int i = 0; i < 4; i++) {
                Path file = Files.writeString(Files.createDirectories(dir.resolve("b" + i)).resolve("f.txt"), "base " + i + UUID.randomUUID());
                baseBuild.layer(file, "/b" + i + ".txt");
            }
            baseBuild.tag(base).push();
            Path context = Files.createDirectories(dir.resolve("ctx"));
            Files.writeString(context.resolve("more.txt"), "more");
            Files.writeString(context.resolve("Dockerfile"), "FROM 127.0.0.1:" + proxy.port() + "/" + base + "\nCOPY more.txt /more.txt\n");
            String tag = repo("capcopy") + ":1";

            PushResult result = registry.build(context).tag(tag).push();

            assertThat(result.layers()).hasSize(5).allMatch(l -> l.status() == LayerPushStatus.PUSHED);
            assertThat(check.digestOf(tag)).contains(result.digest());
        }
    }

    @Test
    void baseLayerDownload_redirectedToAnotherHost_asEcrDoesToS3_isFollowedWithoutOurAuthorization(@TempDir Path dir) throws Exception {
        String baseRepo = repo("redirected");
        Digest layer;
        try (Registry registry = throughProxy()) {
            layer = image(registry, dir.resolve("base"), "base " + UUID.randomUUID()).tag(baseRepo + ":1").push().layers().get(0).digest();
        }
        String blobPath = "/v2/" + baseRepo + "/blobs/" + layer;
        // from now on the base registry asks for Basic auth, as ECR does
        proxy.stubFor(get(urlEqualTo("/v2/")).atPriority(2).withHeader("Authorization", absent())
                .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", "Basic realm=\"base\"")));
        proxy.stubFor(get(urlPathEqualTo(blobPath)).atPriority(1)
                .willReturn(aResponse().withStatus(307).withHeader("Location", "http://localhost:" + proxy.port() + "/s3" + blobPath)));
        proxy.stubFor(get(urlPathMatching("/s3/.*")).atPriority(1)
                .willReturn(aResponse().proxiedFrom(open.url()).withProxyUrlPrefixToRemove("/s3")));
        Path context = Files.createDirectories(dir.resolve("ctx"));
        Files.writeString(context.resolve("more.txt"), "more");
        Files.writeString(context.resolve("Dockerfile"), "FROM 127.0.0.1:" + proxy.port() + "/" + baseRepo + ":1\nCOPY more.txt /more.txt\n");
        String tag = repo("from-redirected") + ":1";
        try (Registry target = Registry.builder().host(real.host()).credentials(realCredentials()).allowInsecureLoopback(true)
                .baseImageCredentials(h -> RegistryCredentials.basic("base-user", "base-password")).build()) {
            PushResult result = target.build(context).tag(tag).push();
            assertThat(result.layers().get(0).status()).isEqualTo(LayerPushStatus.PUSHED);
            assertThat(target.digestOf(tag)).contains(result.digest());
        }
        proxy.verify(getRequestedFor(urlPathEqualTo(blobPath)).withHeader("Authorization", matching("Basic .+")));
        proxy.verify(1, getRequestedFor(urlPathMatching("/s3/.*")).withoutHeader("Authorization"));
    }
}
