package io.github.ecrtoolkit.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DockerHostTest {

    private static final Path HOME = Path.of("/home/dev");

    @Test
    void fromEnvironment_withoutDockerHost_usesTheDefaultSocket() {
        DockerHost host = DockerHost.fromEnvironment(Map.of(), HOME);

        assertThat(host.uri()).isEqualTo(URI.create("unix:///var/run/docker.sock"));
        assertThat(host.unixSocket()).contains(Path.of("/var/run/docker.sock"));
        assertThat(host.tlsCertPath()).isEmpty();
        assertThat(host.source()).contains("DOCKER_HOST is unset");
    }

    @Test
    void fromEnvironment_withUnixDockerHost_usesThatSocket() {
        DockerHost host = DockerHost.fromEnvironment(Map.of("DOCKER_HOST", "unix:///run/user/1000/docker.sock"), HOME);

        assertThat(host.unixSocket()).contains(Path.of("/run/user/1000/docker.sock"));
    }

    @Test
    void fromEnvironment_withTcpAndNoTlsVerify_isPlainTcpEvenWithACertPath() {
        DockerHost host = DockerHost.fromEnvironment(Map.of("DOCKER_HOST", "tcp://10.0.0.5:2375", "DOCKER_CERT_PATH", "/certs"), HOME);

        assertThat(host.uri()).isEqualTo(URI.create("tcp://10.0.0.5:2375"));
        assertThat(host.tlsCertPath()).isEmpty();
    }

    @Test
    void fromEnvironment_withTlsVerify_takesCertificatesFromDockerCertPath() {
        DockerHost host = DockerHost.fromEnvironment(Map.of("DOCKER_HOST", "tcp://build:2376", "DOCKER_TLS_VERIFY", "1",
                "DOCKER_CERT_PATH", "/certs"), HOME);

        assertThat(host.tlsCertPath()).contains(Path.of("/certs"));
        assertThat(host.toString()).contains("tcp://build:2376", "TLS");
    }

    @Test
    void fromEnvironment_withTlsVerifyAndNoCertPath_usesDotDockerInHome() {
        DockerHost host = DockerHost.fromEnvironment(Map.of("DOCKER_HOST", "tcp://build:2376", "DOCKER_TLS_VERIFY", "1"), HOME);

        assertThat(host.tlsCertPath()).contains(HOME.resolve(".docker"));
    }

    @Test
    void fromEnvironment_withTcpWithoutPort_usesThePlainDockerPort() {
        assertThat(DockerHost.fromEnvironment(Map.of("DOCKER_HOST", "tcp://build"), HOME).uri())
                .isEqualTo(URI.create("tcp://build:2375"));
    }

    @Test
    void fromEnvironment_withAnUnsupportedScheme_saysWhatIsSupported() {
        assertThatThrownBy(() -> DockerHost.fromEnvironment(Map.of("DOCKER_HOST", "ssh://me@build"), HOME))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ssh://me@build").hasMessageContaining("unix:///path or tcp://host:port");
    }

    @Test
    void tcp_withoutHostAndPort_isRefused() {
        assertThatThrownBy(() -> DockerHost.tcp(URI.create("http://build:2375"))).isInstanceOf(IllegalArgumentException.class);
    }
}
