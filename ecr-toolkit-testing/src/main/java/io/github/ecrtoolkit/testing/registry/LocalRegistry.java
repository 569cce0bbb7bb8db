package io.github.ecrtoolkit.testing.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.github.ecrtoolkit.core.Registry;
import io.github.ecrtoolkit.core.RegistryCredentials;

/**
 * A real OCI registry for your tests: the distribution project's {@code registry} (Debian's
 * {@code docker-registry}) on a free loopback port, with its storage in a temporary folder, and
 * Basic auth as ECR asks for it when you want it. Started before the test class, stopped after.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final LocalRegistry registry = LocalRegistry.withBasicAuth();
 *
 * @Test
 * void pushesMyService() {
 *     try (Registry target = registry.client()) {
 *         PushResult pushed = target.build(Path.of("my-service")).tag("my-service:test").push();
 *         assertThat(target.digestOf("my-service:test")).contains(pushed.digest());
 *     }
 * }
 * }</pre>
 *
 * <p>The binary is {@code $ECRTK_REGISTRY_BINARY}, else {@code docker-registry} or {@code registry}
 * on the {@code PATH}; Basic auth needs {@code htpasswd} (its bcrypt hashes are what the registry
 * reads). When one is missing the tests are skipped saying how to install it, or fail under
 * {@code CI=true}, where a skipped test would pass for a green build.
 */
public final class LocalRegistry implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    private static final String USER = "AWS";
    private static final Duration START_LIMIT = Duration.ofSeconds(30);

    private final boolean basicAuth;
    private Path folder;
    private Process process;
    private int port;
    private String password;

    private LocalRegistry(boolean basicAuth) {
        this.basicAuth = basicAuth;
    }

    /** A registry anyone may push to. */
    public static LocalRegistry open() {
        return new LocalRegistry(false);
    }

    /** A registry that asks for Basic auth (user {@code AWS}, a random password), as ECR does. */
    public static LocalRegistry withBasicAuth() {
        return new LocalRegistry(true);
    }

    /** {@code 127.0.0.1:<port>}. */
    public String host() {
        requireStarted();
        return "127.0.0.1:" + port;
    }

    /** Anonymous for {@link #open()}, else the user and password the registry accepts. */
    public RegistryCredentials credentials() {
        requireStarted();
        return basicAuth ? RegistryCredentials.basic(USER, password) : RegistryCredentials.anonymous();
    }

    /** A {@link Registry} that pushes here over plain HTTP with {@link #credentials()}; close it after use. */
    public Registry client() {
        return Registry.local(host(), credentials());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Starts the registry, unless it runs; for use without JUnit. */
    public synchronized LocalRegistry start() {
        if (process != null) {
            return this;
        }
        Path binary = binary();
        try {
            folder = Files.createTempDirectory("local-registry-");
            port = freePort();
            StringBuilder config = new StringBuilder()
                    .append("version: 0.1\n")
                    .append("log: {level: warn, accesslog: {disabled: true}}\n")
                    .append("storage: {filesystem: {rootdirectory: ").append(folder.resolve("data")).append("}, delete: {enabled: true}}\n")
                    .append("http: {addr: 127.0.0.1:").append(port).append(", secret: ").append(randomText(16)).append("}\n");
            if (basicAuth) {
                password = randomText(18);
                Files.writeString(folder.resolve("htpasswd"), htpasswd(password));
                config.append("auth: {htpasswd: {realm: local-registry, path: ").append(folder.resolve("htpasswd")).append("}}\n");
            }
            Path file = Files.writeString(folder.resolve("config.yml"), config);
            process = new ProcessBuilder(binary.toString(), "serve", file.toString())
                    .redirectErrorStream(true).redirectOutput(folder.resolve("log").toFile()).start();
            awaitAnswer();
            return this;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot start the registry " + binary + ": " + e.getMessage(), e);
        }
    }

    /** Stops the registry and deletes what it stored. */
    @Override
    public synchronized void close() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
            process = null;
        }
        if (folder != null) {
            deleteTree(folder);
            folder = null;
        }
    }

    @Override
    public String toString() {
        return "LocalRegistry[" + (process == null ? "stopped" : host()) + (basicAuth ? ", Basic auth" : ", open") + "]";
    }

    private void awaitAnswer() throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ping = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/")).timeout(Duration.ofSeconds(2)).build();
        Instant limit = Instant.now().plus(START_LIMIT);
        while (Instant.now().isBefore(limit)) {
            if (!process.isAlive()) {
                throw new IOException("it exited with " + process.exitValue() + ": " + logTail());
            }
            try {
                int status = http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200 || status == 401) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for it", e);
            }
            sleep();
        }
        throw new IOException("it did not answer on port " + port + " within " + START_LIMIT.toSeconds() + " s: " + logTail());
    }

    private static Path binary() {
        Optional<Path> found = Optional.ofNullable(System.getenv("ECRTK_REGISTRY_BINARY")).filter(p -> !p.isBlank()).map(Path::of)
                .or(() -> onPath("docker-registry")).or(() -> onPath("registry"));
        if (found.isEmpty() || !Files.isExecutable(found.get())) {
            unavailable("no registry binary: install it (Debian/Ubuntu: apt-get install docker-registry) or set "
                    + "ECRTK_REGISTRY_BINARY to the distribution project's 'registry' binary");
        }
        return found.orElseThrow();
    }

    /** A bcrypt line for the registry's htpasswd file, made by {@code htpasswd -B} (the JDK has no bcrypt). */
    private static String htpasswd(String password) throws IOException {
        Path htpasswd = onPath("htpasswd").orElse(null);
        if (htpasswd == null) {
            unavailable("Basic auth needs htpasswd (Debian/Ubuntu: apt-get install apache2-utils), or use LocalRegistry.open()");
        }
        Process run = new ProcessBuilder(htpasswd.toString(), "-Bbn", USER, password).redirectErrorStream(false).start();
        try {
            String line = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (run.waitFor() != 0) {
                throw new IOException("htpasswd exited with " + run.exitValue());
            }
            return line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running htpasswd", e);
        }
    }

    private static void unavailable(String message) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message);
        }
        Assumptions.abort(message);
    }

    private static Optional<Path> onPath(String name) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
        return Stream.of(path.split(java.io.File.pathSeparator)).map(dir -> Path.of(dir, name)).filter(Files::isExecutable).findFirst();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String randomText(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random).replace("-", "x").replace("_", "y");
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(folder.resolve("log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private void requireStarted() {
        if (process == null) {
            throw new IllegalStateException("the registry is not started: register it with @RegisterExtension, or call start()");
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder: the system cleans it eventually
        }
    }
}
