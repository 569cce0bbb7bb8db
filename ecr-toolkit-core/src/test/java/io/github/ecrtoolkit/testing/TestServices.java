package io.github.ecrtoolkit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that hands tests the real services started by
 * {@code scripts/test-services.sh}: {@link TestRegistry} (Basic auth, user {@code AWS}; add
 * {@link OpenRegistry} for the one without auth), {@link TestDockerEngine} and {@link TestTools}.
 *
 * <pre>{@code
 * @ExtendWith(TestServices.class)
 * class PushIT {
 *     @Test void push(TestRegistry registry, TestDockerEngine engine) { ... }
 * }
 * }</pre>
 *
 * <p>Where a service is, is read from system properties ({@code ecrtk.registry}), environment
 * variables ({@code ECRTK_REGISTRY}) or the script's state file, in that order. A service that is
 * missing or does not answer fails the test under {@code CI=true} and skips it otherwise; either
 * way the message names the script that starts it.
 */
public final class TestServices implements ParameterResolver, ExecutionCondition {

    static final String SCRIPT = "scripts/test-services.sh start";

    /** Skips (outside CI) a test whose parameters ask for a service that is not there. */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isEmpty() || underCi()) {
            return ConditionEvaluationResult.enabled("services are checked when parameters are resolved");
        }
        for (java.lang.reflect.Parameter parameter : context.getTestMethod().get().getParameters()) {
            try {
                resolve(parameter);
            } catch (ServiceUnavailable e) {
                return ConditionEvaluationResult.disabled(e.getMessage());
            }
        }
        return ConditionEvaluationResult.enabled("every service the test asks for answers");
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestRegistry.class || type == TestDockerEngine.class || type == TestTools.class || type == Umoci.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        try {
            return resolve(parameter.getParameter());
        } catch (ServiceUnavailable e) {
            throw new ParameterResolutionException((underCi() ? "CI=true and " : "") + e.getMessage());
        }
    }

    private static Object resolve(java.lang.reflect.Parameter parameter) {
        Class<?> type = parameter.getType();
        if (type == TestRegistry.class) {
            return parameter.isAnnotationPresent(OpenRegistry.class) ? openRegistry() : authRegistry();
        }
        if (type == TestDockerEngine.class) {
            return dockerEngine();
        }
        if (type == TestTools.class) {
            return tools();
        }
        if (type == Umoci.class) {
            return umoci();
        }
        return null;
    }

    /** The Basic-auth registry, for tests that do not use parameter injection. */
    public static TestRegistry authRegistry() {
        String host = require("registry", "the Basic-auth registry");
        requireTcp(host, "the Basic-auth registry");
        return new TestRegistry(host, Optional.of(require("registry.username", "the registry user")),
                Optional.of(require("registry.password", "the registry password")));
    }

    /** The registry without auth. */
    public static TestRegistry openRegistry() {
        String host = require("open.registry", "the registry without auth");
        requireTcp(host, "the registry without auth");
        return new TestRegistry(host, Optional.empty(), Optional.empty());
    }

    /** The Docker Engine. */
    public static TestDockerEngine dockerEngine() {
        String dockerHost = require("docker.host", "the Docker Engine");
        TestDockerEngine engine = new TestDockerEngine(dockerHost);
        if (!dockerHost.startsWith("unix://") || !pings(engine.socket())) {
            unavailable("the Docker Engine at " + dockerHost + " does not answer /_ping");
        }
        return engine;
    }

    /** Paths of busybox and skopeo. */
    public static TestTools tools() {
        Path busybox = Path.of(require("busybox", "busybox-static"));
        Path skopeo = Path.of(require("skopeo", "skopeo"));
        if (!Files.isExecutable(busybox) || !Files.isExecutable(skopeo)) {
            unavailable("busybox-static or skopeo is not installed (" + busybox + ", " + skopeo + ")");
        }
        return new TestTools(busybox, skopeo);
    }

    /** The umoci binary. */
    public static Umoci umoci() {
        Path umoci = Path.of(require("umoci", "umoci"));
        if (!Files.isExecutable(umoci)) {
            unavailable("umoci is not installed (" + umoci + ")");
        }
        return new Umoci(umoci);
    }

    /** Whether this run is CI's, where a missing service is a failure rather than a skip. */
    public static boolean underCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    private static String require(String key, String what) {
        String systemProperty = System.getProperty("ecrtk." + key);
        if (systemProperty != null && !systemProperty.isBlank()) {
            return systemProperty;
        }
        String envName = "ECRTK_" + key.toUpperCase().replace('.', '_');
        String env = System.getenv(envName);
        if (env != null && !env.isBlank()) {
            return env;
        }
        String fromFile = stateFile().get(envName);
        if (fromFile != null && !fromFile.isBlank()) {
            return fromFile;
        }
        return unavailable(what + " is not configured (" + envName + " is unset)");
    }

    private static Map<String, String> stateFile() {
        String dir = Optional.ofNullable(System.getenv("ECRTK_SERVICES_DIR")).orElse("/tmp/ecr-toolkit-test-services");
        Path file = Path.of(dir, "env");
        Map<String, String> values = new HashMap<>();
        if (!Files.isReadable(file)) {
            return values;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                String assignment = line.replaceFirst("^export\\s+", "");
                int eq = assignment.indexOf('=');
                if (eq > 0) {
                    values.put(assignment.substring(0, eq).trim(), assignment.substring(eq + 1).trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return values;
    }

    private static void requireTcp(String hostAndPort, String what) {
        int colon = hostAndPort.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(hostAndPort.substring(0, colon),
                    Integer.parseInt(hostAndPort.substring(colon + 1))), 2_000);
        } catch (IOException | RuntimeException e) {
            unavailable(what + " at " + hostAndPort + " does not answer (" + e.getMessage() + ")");
        }
    }

    private static boolean pings(Path socket) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer answer = ByteBuffer.allocate(64);
            channel.read(answer);
            return new String(answer.array(), 0, answer.position(), StandardCharsets.US_ASCII).contains(" 200 ");
        } catch (IOException e) {
            return false;
        }
    }

    private static <T> T unavailable(String reason) {
        throw new ServiceUnavailable(reason + ". Start the test services with: " + SCRIPT);
    }

    /**
     * A service a test needs is not there. Thrown from the static accessors too: outside CI,
     * catch it and abort, or rely on the parameter injection that skips for you.
     */
    public static final class ServiceUnavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ServiceUnavailable(String message) {
            super(message);
        }
    }
}
