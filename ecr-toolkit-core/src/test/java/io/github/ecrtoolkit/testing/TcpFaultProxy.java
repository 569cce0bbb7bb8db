package io.github.ecrtoolkit.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP proxy in front of a real registry that injects network faults: it black-holes connections,
 * stalls or resets an upload mid-body, or loses the answer to a commit. Unlike WireMock
 * ({@link RegistryProxy}) it passes blob bodies unaltered and can stop reading, so a client's
 * socket write blocks as it does when a registry hangs. Plain HTTP, loopback only. Close it after
 * the test (its threads are daemons; closing also releases every stalled connection).
 *
 * <pre>{@code
 * try (TcpFaultProxy proxy = new TcpFaultProxy(registryPort).inject(Fault.STALL_UPLOAD, 1)) {
 *     push(proxy.host());    // the first PATCH stalls; the client must give up and retry
 * }
 * }</pre>
 */
public final class TcpFaultProxy implements AutoCloseable {

    /** What goes wrong; each is injected for a number of occurrences, then traffic passes. */
    public enum Fault {
        /** A connection is accepted and read from, but nothing is forwarded and nothing answered. */
        BLACK_HOLE,
        /**
         * A {@code PATCH} upload larger than 64 KB (smaller ones, such as a config, pass): its start
         * passes, then the proxy stops reading, so the client's writes block.
         */
        STALL_UPLOAD,
        /** A {@code PATCH} upload is cut after a few bytes of its body (a reset, not a clean close). */
        RESET_UPLOAD,
        /** A {@code PUT …?digest=} commit reaches the registry, but its answer is lost. */
        LOSE_COMMIT_ANSWER
    }

    private static final int STALL_AFTER = 64 * 1024;

    private final ServerSocket server;
    private final int upstreamPort;
    private volatile Fault fault;
    private final AtomicInteger remaining = new AtomicInteger();
    private final AtomicInteger injected = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger patches = new AtomicInteger();
    private final AtomicInteger commits = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    /** A proxy on a free loopback port, forwarding to {@code 127.0.0.1:upstreamPort}; no fault until {@link #inject}. */
    public TcpFaultProxy(int upstreamPort) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        // small buffers on our side, so a stalled upload blocks the client's writes soon
        server.setReceiveBufferSize(16 * 1024);
        this.upstreamPort = upstreamPort;
        Thread accept = new Thread(this::acceptLoop, "tcp-fault-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    /** The proxy in front of {@code registry} ({@code host:port}). */
    public static TcpFaultProxy inFrontOf(TestRegistry registry) throws IOException {
        return new TcpFaultProxy(Integer.parseInt(registry.host().substring(registry.host().lastIndexOf(':') + 1)));
    }

    /** Injects {@code value} into its next {@code times} occurrences (connections, uploads or commits). */
    public TcpFaultProxy inject(Fault value, int times) {
        remaining.set(times);
        fault = value;
        return this;
    }

    /** {@code 127.0.0.1:port} of the proxy: a registry host to push to. */
    public String host() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** How many times a fault was injected. */
    public int injected() {
        return injected.get();
    }

    public int connections() {
        return connections.get();
    }

    /** {@code PATCH} uploads seen. */
    public int patches() {
        return patches.get();
    }

    /** Commit {@code PUT}s seen. */
    public int commits() {
        return commits.get();
    }

    private boolean fire(Fault kind) {
        if (fault != kind) {
            return false;
        }
        if (remaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            injected.incrementAndGet();
            return true;
        }
        return false;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                connections.incrementAndGet();
                open.add(client);
                if (fire(Fault.BLACK_HOLE)) {
                    start(() -> drain(client));
                    continue;
                }
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                open.add(upstream);
                AtomicBoolean loseNextAnswer = new AtomicBoolean();
                start(() -> pumpRequests(client, upstream, loseNextAnswer));
                start(() -> pumpResponses(upstream, client, loseNextAnswer));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void start(Runnable r) {
        Thread t = new Thread(r, "tcp-fault-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Reads what the client sends and never answers. */
    private static void drain(Socket client) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = client.getInputStream()) {
            while (in.read(buffer) >= 0) {
                // swallowed
            }
        } catch (IOException ignored) {
            // closed by the client or by close()
        }
    }

    /** Client to registry; watches request lines (a gzip body never holds them by chance in practice). */
    private void pumpRequests(Socket client, Socket upstream, AtomicBoolean loseNextAnswer) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = client.getInputStream(); OutputStream out = upstream.getOutputStream()) {
            // the end of the previous read: a request line split between two reads is still seen, once
            String carried = "";
            for (int n; (n = in.read(buffer)) > 0; ) {
                String read = new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
                String text = carried + read;
                carried = read.substring(Math.max(0, read.length() - ("PATCH /v2/".length() - 1)));
                if (text.contains("PATCH /v2/")) {
                    patches.incrementAndGet();
                    int headerEnd = read.indexOf("\r\n\r\n"); // an index into this read's buffer
                    if (fire(Fault.RESET_UPLOAD)) {
                        out.write(buffer, 0, Math.min(n, headerEnd < 0 ? n : headerEnd + 4 + 10));
                        out.flush();
                        client.setSoLinger(true, 0);
                        closeQuietly(client, upstream);
                        return;
                    }
                    // a body smaller than what the stall lets through would not stall: it is not the upload meant
                    if (largerThanTheStallAllowance(text) && fire(Fault.STALL_UPLOAD)) {
                        out.write(buffer, 0, n);
                        stall(in, out);
                        return;
                    }
                }
                if (text.contains("PUT /v2/") && text.contains("digest=") && text.contains("/blobs/uploads/")) {
                    commits.incrementAndGet();
                    if (fire(Fault.LOSE_COMMIT_ANSWER)) {
                        loseNextAnswer.set(true);
                    }
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            closeQuietly(client, upstream);
        }
    }

    /** Whether the request whose header is in {@code text} declares a body the stall would stop (or declares none: chunked). */
    private static boolean largerThanTheStallAllowance(String text) {
        Matcher length = CONTENT_LENGTH.matcher(text);
        return !length.find() || Long.parseLong(length.group(1)) > STALL_AFTER;
    }

    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)\\r\\ncontent-length:\\s*(\\d+)");

    /** Lets a little more of the body through, then reads nothing more: the client's writes fill the buffers and block. */
    private void stall(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[4096];
        int passed = 0;
        for (int n; passed < STALL_AFTER && (n = in.read(buffer)) > 0; passed += n) {
            out.write(buffer, 0, n);
        }
        out.flush();
        try {
            while (!server.isClosed()) {
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pumpResponses(Socket upstream, Socket client, AtomicBoolean loseNextAnswer) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = upstream.getInputStream(); OutputStream out = client.getOutputStream()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (loseNextAnswer.get()) {
                    // the registry answered (so it stored the blob); the client never hears it
                    client.setSoLinger(true, 0);
                    closeQuietly(client, upstream);
                    return;
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            closeQuietly(client, upstream);
        }
    }

    private static void closeQuietly(Socket... sockets) {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // already broken
            }
        }
    }

    /** Stops accepting and closes every connection, stalled ones included. */
    @Override
    public void close() throws IOException {
        server.close();
        open.forEach(TcpFaultProxy::closeQuietly);
    }
}
