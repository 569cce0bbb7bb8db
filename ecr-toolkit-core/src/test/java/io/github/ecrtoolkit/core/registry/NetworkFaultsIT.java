package io.github.ecrtoolkit.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import io.github.ecrtoolkit.core.EcrToolkitException;
import io.github.ecrtoolkit.core.ImageBuild;
import io.github.ecrtoolkit.core.PushResult;
import io.github.ecrtoolkit.core.Registry;
import io.github.ecrtoolkit.core.RegistryCredentials;
import io.github.ecrtoolkit.core.event.ProgressEvent;
import io.github.ecrtoolkit.core.event.ProgressListener;
import io.github.ecrtoolkit.testing.Commands;
import io.github.ecrtoolkit.testing.TcpFaultProxy;
import io.github.ecrtoolkit.testing.TcpFaultProxy.Fault;
import io.github.ecrtoolkit.testing.TestRegistry;
import io.github.ecrtoolkit.testing.TestServices;

/**
 * Network faults between the client and the real registry, injected by {@link TcpFaultProxy}: a
 * registry that never answers, an upload the registry stops reading, a push past its deadline; and
 * failures no retry cures — TLS spoken to plain HTTP and the reverse, an untrusted certificate, a
 * host that does not resolve, a push without credentials — which must fail at once, saying what to do.
 */
@ExtendWith(TestServices.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class NetworkFaultsIT {

    @TempDir
    Path dir;

    private static Registry.Builder through(String host, TestRegistry registry) {
        return Registry.builder().host(host).allowInsecureLoopback(true)
                .credentials(RegistryCredentials.basic(registry.username().orElseThrow(), registry.password().orElseThrow()));
    }

    private ImageBuild image(Registry registry, int bytes) throws IOException {
        byte[] data = new byte[bytes];
        new Random().nextBytes(data);   // incompressible, and new on every run: no registry holds it from an earlier run
        Path file = Files.write(Files.createDirectories(dir.resolve("data")).resolve("data-" + UUID.randomUUID()), data);
        return registry.image().layer(file, "/data.bin").cmd("/data.bin");
    }

    private static String tag() {
        return "net/app-" + UUID.randomUUID().toString().substring(0, 8) + ":1";
    }

    private static ProgressListener collect(List<ProgressEvent> events) {
        return new ProgressListener() {
            @Override
            public void onEvent(ProgressEvent event) {
                events.add(event);
            }
        };
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    void registryThatNeverAnswers_failsWithinTheLimits_sayingWhatItWaitedFor(TestRegistry registry) throws Exception {
        List<ProgressEvent> events = new CopyOnWriteArrayList<>();
        try (TcpFaultProxy proxy = TcpFaultProxy.inFrontOf(registry).inject(Fault.BLACK_HOLE, 1000);
             Registry r = through(proxy.host(), registry).timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1))
                     .retries(3, Duration.ofMillis(50), Duration.ofMillis(100)).build()) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> image(r, 1000).listener(collect(events)).tag(tag()).push())
                    .isInstanceOf(RegistryUnavailableException.class)
                    .hasMessageContaining("no answer from " + proxy.host() + " to GET /v2/ within 1 s")
                    .hasMessageContaining("gave up after 3 attempts");
            assertThat(since(start)).isLessThan(Duration.ofSeconds(8));
            // each step of the push (layer, config, tag check) waited on the same shared probe, and says so
            assertThat(events).filteredOn(e -> e instanceof ProgressEvent.Retrying).isNotEmpty()
                    .allSatisfy(e -> assertThat(((ProgressEvent.Retrying) e).reason()).contains("no answer from"))
                    .extracting(e -> ((ProgressEvent.Retrying) e).attempt()).contains(2, 3).doesNotContain(4);
        }
    }

    @Test
    void registryThatDropsOneConnection_isRetried_andThePushSucceeds(TestRegistry registry) throws Exception {
        try (TcpFaultProxy proxy = TcpFaultProxy.inFrontOf(registry).inject(Fault.BLACK_HOLE, 1);
             Registry r = through(proxy.host(), registry).timeouts(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(2))
                     .retries(3, Duration.ofMillis(50), Duration.ofMillis(100)).build();
             Registry direct = through(registry.host(), registry).build()) {
            String tag = tag();
            PushResult pushed = image(r, 1000).tag(tag).push();
            assertThat(proxy.injected()).isEqualTo(1);
            assertThat(direct.digestOf(tag)).contains(pushed.digest());
        }
    }

    @Test
    void uploadTheRegistryStopsReading_isBrokenOffAfterTheStallLimit_andRetried(TestRegistry registry) throws Exception {
        List<ProgressEvent> events = new CopyOnWriteArrayList<>();
        try (TcpFaultProxy proxy = TcpFaultProxy.inFrontOf(registry).inject(Fault.STALL_UPLOAD, 1);
             Registry r = through(proxy.host(), registry).timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(1))
                     .retries(3, Duration.ofMillis(50), Duration.ofMillis(100)).build();
             Registry direct = through(registry.host(), registry).build()) {
            String tag = tag();
            long start = System.nanoTime();
            // larger than the socket buffers on both sides, so the client's write blocks
            PushResult pushed = image(r, 24 << 20).listener(collect(events)).tag(tag).push();
            assertThat(since(start)).isLessThan(Duration.ofSeconds(30));
            assertThat(proxy.injected()).isEqualTo(1);
            assertThat(proxy.patches()).isEqualTo(3);   // the layer twice, the config once
            assertThat(events).filteredOn(e -> e instanceof ProgressEvent.Retrying).singleElement()
                    .satisfies(e -> assertThat(((ProgressEvent.Retrying) e).reason()).contains("no bytes could be sent for 1 s"));
            assertThat(direct.digestOf(tag)).contains(pushed.digest());
        }
    }

    @Test
    void pushTimeout_endsAPushThatWouldWaitLonger_andWritesNoTag(TestRegistry registry) throws Exception {
        try (TcpFaultProxy proxy = TcpFaultProxy.inFrontOf(registry);
             Registry r = through(proxy.host(), registry).timeouts(Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(30))
                     .pushTimeout(Duration.ofSeconds(2)).build();
             Registry direct = through(registry.host(), registry).build()) {
            String tag = tag();
            ImageBuild build = image(r, 1000).tag(tag);
            proxy.inject(Fault.BLACK_HOLE, 1000);
            long start = System.nanoTime();
            assertThatThrownBy(build::push).isInstanceOf(RegistryUnavailableException.class)
                    .hasMessageContaining("did not finish within PT2S").hasMessageContaining("no tag was written")
                    .hasMessageContaining("still waiting for");
            assertThat(since(start)).isLessThan(Duration.ofSeconds(6));
            assertThat(direct.digestOf(tag)).isEmpty();
        }
    }

    @Test
    void tlsSpokenToAPlainHttpRegistry_failsAtOnce_namingTheOption(TestRegistry registry) throws Exception {
        try (Registry r = Registry.builder().host(registry.host()).build()) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> image(r, 100).tag(tag()).push()).isInstanceOf(RegistryConnectionException.class)
                    .hasMessageContaining(registry.host()).hasMessageContaining("allowInsecureLoopback(true)")
                    .hasMessageContaining("--insecure-registry")
                    .satisfies(e -> assertThat(((EcrToolkitException) e).reason()).isEqualTo(EcrToolkitException.Reason.INVALID_INPUT));
            assertThat(since(start)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void plainHttpSpokenToATlsRegistry_failsAtOnce_sayingItSpeaksTls() throws Exception {
        // what a Go registry (distribution, as ECR's front ends) answers a plain request on its TLS port
        try (ServerSocket tlsPort = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread answer = new Thread(() -> {
                while (!tlsPort.isClosed()) {
                    try (Socket s = tlsPort.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                        in.read(new byte[4096]);
                        out.write("HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n"
                                .getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            answer.setDaemon(true);
            answer.start();
            try (Registry r = Registry.builder().host("127.0.0.1:" + tlsPort.getLocalPort()).allowInsecureLoopback(true).build()) {
                long start = System.nanoTime();
                assertThatThrownBy(() -> image(r, 100).tag(tag()).push()).isInstanceOf(RegistryConnectionException.class)
                        .hasMessageContaining("speaks TLS").hasMessageContaining("--insecure-registry");
                assertThat(since(start)).isLessThan(Duration.ofSeconds(2));
            }
        }
    }

    @Test
    void untrustedCertificate_failsAtOnce_namingTheTrustStore() throws Exception {
        Path keystore = dir.resolve("server.p12");
        Commands.run(Duration.ofMinutes(1), List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "registry", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", "changeit")).assertSuccess();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(ks, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try (Registry r = Registry.builder().host("127.0.0.1:" + server.getAddress().getPort()).build()) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> image(r, 100).tag(tag()).push()).isInstanceOf(RegistryConnectionException.class)
                    .hasMessageContaining("certificate").hasMessageContaining("not trusted")
                    .hasMessageContaining("javax.net.ssl.trustStore");
            assertThat(since(start)).isLessThan(Duration.ofSeconds(2));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void hostThatDoesNotResolve_failsAtOnce_namingItAndTheNetwork() throws Exception {
        try (Registry r = Registry.builder().host("registry.does-not-exist.invalid:5000").build()) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> image(r, 100).tag(tag()).push()).isInstanceOf(RegistryConnectionException.class)
                    .hasMessageContaining("cannot resolve registry host 'registry.does-not-exist.invalid'")
                    .hasMessageContaining("not one of credentials");
            assertThat(since(start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void pushWithoutCredentials_toARegistryThatWantsThem_namesHowToGiveThem(TestRegistry registry) throws Exception {
        try (Registry r = Registry.builder().host(registry.host()).allowInsecureLoopback(true).build()) {
            assertThatThrownBy(() -> image(r, 100).tag(tag()).push()).isInstanceOf(RegistryAuthenticationException.class)
                    .hasMessageContaining("without credentials").hasMessageContaining("REGISTRY_USERNAME")
                    .hasMessageContaining("REGISTRY_PASSWORD").hasMessageContaining("docker login " + registry.host());
        }
    }
}
