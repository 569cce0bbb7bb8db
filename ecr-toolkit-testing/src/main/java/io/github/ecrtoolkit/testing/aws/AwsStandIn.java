package io.github.ecrtoolkit.testing.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.github.ecrtoolkit.testing.aws.ec2.Ec2StandIn;
import io.github.ecrtoolkit.testing.aws.ecr.EcrStandIn;
import io.github.ecrtoolkit.testing.aws.ecs.EcsStandIn;
import io.github.ecrtoolkit.testing.aws.eks.EksStandIn;
import io.github.ecrtoolkit.testing.aws.elb.ElbStandIn;
import io.github.ecrtoolkit.testing.aws.iam.IamStandIn;
import io.github.ecrtoolkit.testing.aws.logs.LogsStandIn;
import io.github.ecrtoolkit.testing.aws.sts.StsStandIn;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;

/**
 * A stateful stand-in for the AWS APIs the toolkit calls, on one local HTTP port: it keeps what
 * calls create (roles, clusters, services, …) and answers later calls from that state, records
 * every call, and fails calls on request. Point any SDK client at it with {@link #configure}; each
 * request reaches the service whose SigV4 signing name signed it.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final AwsStandIn aws = AwsStandIn.create();
 *
 * @Test
 * void deploysFromAnEmptyAccount() {
 *     aws.failNext("ecs", "CreateService", AwsFault.throttling());
 *     try (IamClient iam = aws.configure(IamClient.builder()).build()) {
 *         // … the code under test …
 *     }
 *     assertThat(aws.iam().role("ecsTaskExecutionRole")).isPresent();
 *     assertThat(aws.calls()).contains(new AwsCall("ecs", "CreateService"));
 * }
 * }</pre>
 *
 * <p>As an extension it gives each test a fresh, empty account and fails a test that made a call
 * the stand-in does not fake (so a gap in the stand-in never passes for a result).
 */
public final class AwsStandIn implements BeforeEachCallback, AfterEachCallback, AfterAllCallback, AutoCloseable {

    /** The credentials clients sign with; the stand-in does not check signatures. */
    public static final String ACCESS_KEY_ID = "AKIASTANDIN000000001";
    public static final String SECRET_ACCESS_KEY = "stand-in-Secret-Key-never-printed-000000";

    private static final Pattern SIGNING_SCOPE = Pattern.compile("Credential=[^/,\\s]+/\\d{8}/[^/]+/([^/]+)/aws4_request");

    private final List<Function<AwsStandIn, ServiceStandIn>> factories;
    private final Map<String, ServiceStandIn> services = new LinkedHashMap<>();
    private final Map<String, Deque<AwsFault>> faults = new HashMap<>();
    private final List<AwsCall> calls = new ArrayList<>();
    private final List<AwsCall> unfaked = new ArrayList<>();
    private AwsAccount account = AwsAccount.defaults();
    private Clock clock = Clock.systemUTC();
    private HttpServer server;
    private ExecutorService executor;

    private AwsStandIn(List<Function<AwsStandIn, ServiceStandIn>> factories) {
        this.factories = List.copyOf(factories);
        createServices();
    }

    /** A stand-in for every service faked in this module. */
    public static AwsStandIn create() {
        return new AwsStandIn(List.of(StsStandIn::new, IamStandIn::new, Ec2StandIn::new, EcsStandIn::new, LogsStandIn::new,
                ElbStandIn::new, EksStandIn::new, EcrStandIn::new));
    }

    /** A stand-in for the given services only, such as your own stand-in of another service. */
    @SafeVarargs
    public static AwsStandIn of(Function<AwsStandIn, ServiceStandIn>... services) {
        return new AwsStandIn(List.of(services));
    }

    // ---- pointing clients at it

    /** Sets the endpoint, region and static credentials of an SDK client builder; add an HTTP client and build. */
    public <B extends AwsClientBuilder<B, C>, C> B configure(B builder) {
        return builder.endpointOverride(endpoint()).region(Region.of(account.region())).credentialsProvider(credentials());
    }

    public synchronized URI endpoint() {
        start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public AwsCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY));
    }

    // ---- the account and its services

    public synchronized AwsAccount account() {
        return account;
    }

    /** Plays another account, region or caller (an assumed role, say); the services' state is kept. */
    public synchronized AwsStandIn account(AwsAccount account) {
        this.account = account;
        return this;
    }

    public synchronized Instant now() {
        return clock.instant();
    }

    /** The clock services stamp creation times with and measure delays against (IAM propagation, say). */
    public synchronized AwsStandIn clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** The stand-in of one service, to read or script its state. */
    public synchronized <S extends ServiceStandIn> S service(Class<S> type) {
        return services.values().stream().filter(type::isInstance).map(type::cast).findFirst()
                .orElseThrow(() -> new IllegalStateException(type.getSimpleName() + " is not part of this stand-in"));
    }

    public IamStandIn iam() {
        return service(IamStandIn.class);
    }

    public StsStandIn sts() {
        return service(StsStandIn.class);
    }

    public EcsStandIn ecs() {
        return service(EcsStandIn.class);
    }

    public Ec2StandIn ec2() {
        return service(Ec2StandIn.class);
    }

    public LogsStandIn logs() {
        return service(LogsStandIn.class);
    }

    public ElbStandIn elb() {
        return service(ElbStandIn.class);
    }

    public EksStandIn eks() {
        return service(EksStandIn.class);
    }

    public EcrStandIn ecr() {
        return service(EcrStandIn.class);
    }

    // ---- faults and calls

    /** Answers the next call of {@code service:operation} with {@code fault}, once. */
    public AwsStandIn failNext(String service, String operation, AwsFault fault) {
        return fail(service, operation, fault, 1);
    }

    /** Answers the next {@code times} calls of {@code service:operation} with {@code fault}. */
    public synchronized AwsStandIn fail(String service, String operation, AwsFault fault, int times) {
        Deque<AwsFault> queue = faults.computeIfAbsent(service + ":" + operation, key -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            queue.add(fault);
        }
        return this;
    }

    /** Every call received, in order (faulted ones included). */
    public synchronized List<AwsCall> calls() {
        return List.copyOf(calls);
    }

    /** The calls of one service, in order. */
    public synchronized List<String> operations(String service) {
        return calls.stream().filter(call -> call.service().equals(service)).map(AwsCall::operation).toList();
    }

    /** Calls the stand-in could not answer because it does not fake them; the extension fails the test on any. */
    public synchronized List<AwsCall> unfaked() {
        return List.copyOf(unfaked);
    }

    /** Forgets every resource, fault and call: a fresh, empty account. */
    public synchronized void reset() {
        faults.clear();
        calls.clear();
        unfaked.clear();
        account = AwsAccount.defaults();
        clock = Clock.systemUTC();
        createServices();
    }

    // ---- JUnit

    @Override
    public void beforeEach(ExtensionContext context) {
        reset();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<AwsCall> missing = unfaked();
        if (!missing.isEmpty()) {
            throw new AssertionError("the code under test called operations the AWS stand-in does not fake: " + missing);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    // ---- serving

    private void createServices() {
        services.clear();
        for (Function<AwsStandIn, ServiceStandIn> factory : factories) {
            ServiceStandIn service = factory.apply(this);
            services.put(service.signingName(), service);
        }
    }

    private void start() {
        if (server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a local port for the AWS stand-in", e);
        }
        executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "aws-stand-in");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::exchange);
        server.start();
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            AwsResponse response = answer(read(exchange));
            byte[] body = response.bytes();
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            response.headers().forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    private static AwsRequest read(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        URI uri = exchange.getRequestURI();
        Map<String, String> query = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int equals = pair.indexOf('=');
                query.putIfAbsent(URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8),
                        equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        String scope = Optional.ofNullable(headers.get("authorization")).map(values -> values.get(0))
                .or(() -> Optional.ofNullable(query.get("X-Amz-Credential")).map(credential -> "Credential=" + credential))
                .orElse("");
        Matcher signing = SIGNING_SCOPE.matcher(scope);
        String service = signing.find() ? signing.group(1) : "";
        return new AwsRequest(service, exchange.getRequestMethod(), uri.getPath(), query, headers, body);
    }

    private synchronized AwsResponse answer(AwsRequest request) {
        ServiceStandIn service = services.get(request.service());
        if (service == null) {
            AwsCall call = new AwsCall(request.service().isEmpty() ? "(unsigned)" : request.service(), request.method() + " " + request.path());
            unfaked.add(call);
            return Protocol.JSON.fault(new AwsFault(501, "NotFakedByStandIn", "the stand-in fakes no service '" + call.service() + "'"));
        }
        String operation;
        try {
            operation = service.operationOf(request);
        } catch (AwsFaultException e) {
            unfaked.add(new AwsCall(service.signingName(), request.method() + " " + request.path()));
            return service.protocol().fault(e.fault());
        }
        AwsCall call = new AwsCall(service.signingName(), operation);
        calls.add(call);
        AwsFault scripted = Optional.ofNullable(faults.get(call.action())).map(Deque::poll).orElse(null);
        if (scripted != null) {
            return service.protocol().fault(scripted);
        }
        try {
            return service.handle(operation, request);
        } catch (AwsFaultException e) {
            if (e.fault().code().equals("NotFakedByStandIn")) {
                unfaked.add(call);
            }
            return service.protocol().fault(e.fault());
        }
    }
}
