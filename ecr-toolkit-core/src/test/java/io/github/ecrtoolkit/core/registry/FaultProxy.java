package io.github.ecrtoolkit.core.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of a real registry that breaks one connection on purpose. WireMock cannot
 * stand here for blob uploads: it un-gzips request bodies that look gzipped, so layers would
 * arrive altered.
 */
final class FaultProxy implements AutoCloseable {

    enum Fault {
        /** The first {@code PATCH} upload is cut after a few bytes of its body. */
        CUT_FIRST_PATCH,
        /** The first {@code PUT …?digest=} commit reaches the registry, but its answer is lost. */
        LOSE_FIRST_COMMIT_ANSWER
    }

    private final ServerSocket server;
    private final int upstreamPort;
    private final Fault fault;
    private final AtomicBoolean fired = new AtomicBoolean();
    final AtomicInteger patches = new AtomicInteger();
    final AtomicInteger commits = new AtomicInteger();

    FaultProxy(int upstreamPort, Fault fault) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.upstreamPort = upstreamPort;
        this.fault = fault;
        Thread accept = new Thread(this::acceptLoop, "fault-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    String host() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    boolean fired() {
        return fired.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                AtomicBoolean loseNextAnswer = new AtomicBoolean();
                start(() -> pumpRequests(client, upstream, loseNextAnswer));
                start(() -> pumpResponses(upstream, client, loseNextAnswer));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void start(Runnable r) {
        Thread t = new Thread(r, "fault-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Client to registry; watches request lines (a gzip body never holds them by chance in practice). */
    private void pumpRequests(Socket client, Socket upstream, AtomicBoolean loseNextAnswer) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = client.getInputStream(); OutputStream out = upstream.getOutputStream()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                String text = new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
                if (text.contains("PATCH /v2/")) {
                    patches.incrementAndGet();
                    if (fault == Fault.CUT_FIRST_PATCH && fired.compareAndSet(false, true)) {
                        int headerEnd = text.indexOf("\r\n\r\n");
                        out.write(buffer, 0, Math.min(n, headerEnd < 0 ? n : headerEnd + 4 + 10));
                        out.flush();
                        client.setSoLinger(true, 0);
                        client.close();
                        upstream.close();
                        return;
                    }
                }
                if (text.contains("PUT /v2/") && text.contains("digest=") && text.contains("/blobs/uploads/")) {
                    commits.incrementAndGet();
                    if (fault == Fault.LOSE_FIRST_COMMIT_ANSWER && fired.compareAndSet(false, true)) {
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

    @Override
    public void close() throws IOException {
        server.close();
    }
}
