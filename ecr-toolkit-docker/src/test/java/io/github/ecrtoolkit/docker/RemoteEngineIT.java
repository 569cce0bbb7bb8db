package io.github.ecrtoolkit.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.github.ecrtoolkit.testing.Commands;
import io.github.ecrtoolkit.testing.TestDockerEngine;
import io.github.ecrtoolkit.testing.TestServices;
import io.github.ecrtoolkit.testing.TestTools;

/** The engine over tcp:// and tcp:// with TLS client certificates (the real engine behind a loopback listener). */
@ExtendWith(TestServices.class)
class RemoteEngineIT {

    @TempDir
    static Path certs;

    @TempDir
    Path dir;

    /** CA, server cert for IP 127.0.0.1, client cert with a PKCS#1 ("RSA PRIVATE KEY") key, as many Docker setups have. */
    @BeforeAll
    static void makeCertificates() {
        String script = String.join("\n",
                "set -e",
                "cd " + certs,
                "openssl req -x509 -newkey rsa:2048 -nodes -keyout ca-key.pem -out ca.pem -days 1 -subj /CN=ecrtk-test-ca",
                "openssl req -newkey rsa:2048 -nodes -keyout server-key.pem -out server.csr -subj /CN=127.0.0.1",
                "echo subjectAltName=IP:127.0.0.1 > server.ext",
                "openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -out server-cert.pem -days 1 -extfile server.ext",
                "openssl pkcs12 -export -in server-cert.pem -inkey server-key.pem -out server.p12 -passout pass:changeit",
                "openssl genrsa -traditional -out key.pem 2048",
                "openssl req -new -key key.pem -out client.csr -subj /CN=ecrtk-client",
                "echo extendedKeyUsage=clientAuth > client.ext",
                "openssl x509 -req -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -out cert.pem -days 1 -extfile client.ext",
                "mkdir other && cd other && openssl req -x509 -newkey rsa:2048 -nodes -keyout ca-key.pem -out ca.pem -days 1 -subj /CN=other-ca"
                        + " && cp ../cert.pem ../key.pem .");
        Commands.run(Duration.ofMinutes(2), List.of("sh", "-c", script)).assertSuccess();
    }

    @Test
    void tcp_plain_negotiatesAndBuilds(TestDockerEngine engine, TestTools tools) throws Exception {
        try (EngineProxy proxy = EngineProxy.plain(engine.socket());
                DockerEngine remote = DockerEngine.connect(DockerHost.fromEnvironment(
                        Map.of("DOCKER_HOST", "tcp://127.0.0.1:" + proxy.port()), dir))) {
            assertThat(remote.apiVersion()).isEqualTo("1.41");
            assertThat(remote.host().source()).isEqualTo("DOCKER_HOST");
            buildAndRemove(remote, tools);
        }
    }

    @Test
    void tcpWithTls_fromDockerTlsVerifyAndCertPath_buildsThroughTheEngine(TestDockerEngine engine, TestTools tools) throws Exception {
        try (EngineProxy proxy = EngineProxy.tls(engine.socket(), serverContext());
                DockerEngine remote = DockerEngine.connect(DockerHost.fromEnvironment(Map.of(
                        "DOCKER_HOST", "tcp://127.0.0.1:" + proxy.port(),
                        "DOCKER_TLS_VERIFY", "1",
                        "DOCKER_CERT_PATH", certs.toString()), dir))) {
            assertThat(remote.host().tlsCertPath()).contains(certs);
            assertThat(remote.apiVersion()).isEqualTo("1.41");
            buildAndRemove(remote, tools);
        }
    }

    @Test
    void tcpWithTls_whenTheEngineIsSignedByAnotherCa_refusesToConnect(TestDockerEngine engine) throws Exception {
        try (EngineProxy proxy = EngineProxy.tls(engine.socket(), serverContext())) {
            assertThatThrownBy(() -> DockerEngine.connect(DockerHost.tls(URI.create("tcp://127.0.0.1:" + proxy.port()),
                    certs.resolve("other"))))
                    .isInstanceOf(EngineUnreachableException.class)
                    .hasMessageContaining("tcp://127.0.0.1:" + proxy.port())
                    .hasMessageContaining("SSL");
        }
    }

    @Test
    void tcp_whenNothingListens_saysWhereItLookedAndWhy() {
        assertThatThrownBy(() -> DockerEngine.connect(DockerHost.fromEnvironment(Map.of("DOCKER_HOST", "tcp://127.0.0.1:1"), dir)))
                .isInstanceOf(EngineUnreachableException.class)
                .hasMessageContaining("tcp://127.0.0.1:1 (DOCKER_HOST)");
    }

    private void buildAndRemove(DockerEngine remote, TestTools tools) throws Exception {
        Path context = Contexts.withDockerfile(dir, tools, "FROM scratch", "COPY busybox /bin/busybox",
                "RUN [\"/bin/busybox\",\"true\"]");
        String tag = "ecrtk-docker-it/remote:" + Contexts.suffix();
        try {
            BuiltImage image = remote.build(context).tag(tag).run();
            assertThat(remote.inspect(tag)).hasValueSatisfying(d -> assertThat(d.id()).isEqualTo(image.id()));
        } finally {
            remote.remove(tag);
        }
    }

    private static SSLContext serverContext() throws Exception {
        KeyStore identity = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(certs.resolve("server.p12"))) {
            identity.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(identity, "changeit".toCharArray());
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certs.resolve("ca.pem"))) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trusts = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trusts.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trusts.getTrustManagers(), null);
        return context;
    }
}
