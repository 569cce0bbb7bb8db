package io.github.ecrtoolkit.docker;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a Docker Engine listens and how to reach it: a Unix socket, plain {@code tcp://}, or
 * {@code tcp://} with TLS client certificates. Read it from the environment the way the Docker CLI
 * does, or name it.
 *
 * <pre>{@code
 * DockerHost local = DockerHost.fromEnvironment();              // DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH
 * DockerHost remote = DockerHost.tls(URI.create("tcp://build-box:2376"), Path.of("/etc/docker-certs"));
 * }</pre>
 */
public final class DockerHost {

    /** The socket the Docker CLI uses when {@code DOCKER_HOST} is unset. */
    public static final String DEFAULT_UNIX_SOCKET = "/var/run/docker.sock";

    private final URI uri;
    private final Optional<Path> tlsCertPath;
    private final String source;

    private DockerHost(URI uri, Optional<Path> tlsCertPath, String source) {
        this.uri = uri;
        this.tlsCertPath = tlsCertPath;
        this.source = source;
    }

    /**
     * Reads {@code DOCKER_HOST}, {@code DOCKER_TLS_VERIFY} and {@code DOCKER_CERT_PATH} from the
     * process environment, with the Docker CLI's defaults.
     *
     * @throws IllegalArgumentException if {@code DOCKER_HOST} is not a {@code unix://} or {@code tcp://} address
     */
    public static DockerHost fromEnvironment() {
        return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home", "/")));
    }

    /**
     * Like {@link #fromEnvironment()}, from the given variables; {@code home} gives the default
     * certificate folder {@code ~/.docker}.
     *
     * @throws IllegalArgumentException if {@code DOCKER_HOST} is not a {@code unix://} or {@code tcp://} address
     */
    public static DockerHost fromEnvironment(Map<String, String> env, Path home) {
        String host = blankToNull(env.get("DOCKER_HOST"));
        if (host == null) {
            return new DockerHost(URI.create("unix://" + DEFAULT_UNIX_SOCKET), Optional.empty(),
                    "the default socket; DOCKER_HOST is unset");
        }
        URI uri = parse(host);
        boolean tls = blankToNull(env.get("DOCKER_TLS_VERIFY")) != null;
        if (tls && "tcp".equals(uri.getScheme())) {
            Path certs = Optional.ofNullable(blankToNull(env.get("DOCKER_CERT_PATH"))).map(Path::of)
                    .orElse(home.resolve(".docker"));
            return new DockerHost(uri, Optional.of(certs), "DOCKER_HOST with DOCKER_TLS_VERIFY, certificates in " + certs);
        }
        return new DockerHost(uri, Optional.empty(), "DOCKER_HOST");
    }

    /** An engine on a Unix socket, e.g. {@code Path.of("/var/run/docker.sock")}. */
    public static DockerHost unixSocket(Path socket) {
        return new DockerHost(URI.create("unix://" + socket.toAbsolutePath()), Optional.empty(), "the caller");
    }

    /**
     * An engine on {@code tcp://host:port} without TLS. Use only on a trusted network.
     *
     * @throws IllegalArgumentException if {@code address} is not a {@code tcp://} address
     */
    public static DockerHost tcp(URI address) {
        requireTcp(address);
        return new DockerHost(address, Optional.empty(), "the caller");
    }

    /**
     * An engine on {@code tcp://host:port} with TLS: {@code ca.pem} verifies the engine,
     * {@code cert.pem} and {@code key.pem} identify the client (the layout {@code DOCKER_CERT_PATH} uses).
     *
     * @throws IllegalArgumentException if {@code address} is not a {@code tcp://} address
     */
    public static DockerHost tls(URI address, Path certPath) {
        requireTcp(address);
        return new DockerHost(address, Optional.of(certPath), "the caller");
    }

    /** The address, e.g. {@code unix:///var/run/docker.sock} or {@code tcp://10.0.0.5:2376}. */
    public URI uri() {
        return uri;
    }

    /** The socket file, when this is a Unix socket address. */
    public Optional<Path> unixSocket() {
        return "unix".equals(uri.getScheme()) ? Optional.of(Path.of(uri.getPath())) : Optional.empty();
    }

    /** The folder with {@code ca.pem}, {@code cert.pem} and {@code key.pem}, when TLS is used. */
    public Optional<Path> tlsCertPath() {
        return tlsCertPath;
    }

    /** Where this address came from, for error messages ("DOCKER_HOST", "the default socket…"). */
    public String source() {
        return source;
    }

    private static URI parse(String host) {
        URI uri;
        try {
            uri = URI.create(host);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("DOCKER_HOST=" + host + " is not an address; use unix:///path or tcp://host:port", e);
        }
        if ("unix".equals(uri.getScheme()) && uri.getPath() != null && !uri.getPath().isEmpty()) {
            return uri;
        }
        if ("tcp".equals(uri.getScheme()) && uri.getHost() != null) {
            return uri.getPort() > 0 ? uri : URI.create("tcp://" + uri.getHost() + ":2375");
        }
        throw new IllegalArgumentException("DOCKER_HOST=" + host + " is not supported; use unix:///path or tcp://host:port");
    }

    private static void requireTcp(URI address) {
        if (!"tcp".equals(address.getScheme()) || address.getHost() == null || address.getPort() <= 0) {
            throw new IllegalArgumentException(address + " is not a tcp://host:port address");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DockerHost that && uri.equals(that.uri) && tlsCertPath.equals(that.tlsCertPath);
    }

    @Override
    public int hashCode() {
        return Objects.hash(uri, tlsCertPath);
    }

    @Override
    public String toString() {
        return uri + tlsCertPath.map(p -> " (TLS, certificates in " + p + ")").orElse("");
    }
}
