package io.github.ecrtoolkit.docker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * Puts the real engine's Unix socket on a loopback TCP port, plain or TLS with required client
 * certificates, the way {@code dockerd -H tcp://… --tlsverify} listens. Every byte goes to the real engine.
 */
final class EngineProxy implements AutoCloseable {

    private final ServerSocket server;
    private final Path socket;

    private EngineProxy(ServerSocket server, Path socket) {
        this.server = server;
        this.socket = socket;
        Thread acceptor = new Thread(this::accept, "engine-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static EngineProxy plain(Path socket) throws IOException {
        return new EngineProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), socket);
    }

    static EngineProxy tls(Path socket, SSLContext context) throws IOException {
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        server.setNeedClientAuth(true);
        return new EngineProxy(server, socket);
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                SocketChannel engine = SocketChannel.open(StandardProtocolFamily.UNIX);
                engine.connect(UnixDomainSocketAddress.of(socket));
                InputStream fromClient = client.getInputStream();
                OutputStream toClient = client.getOutputStream();
                // channel reads and writes directly: the Channels streams share one lock and would deadlock
                pipe(() -> {
                    byte[] buffer = new byte[65536];
                    int n;
                    while ((n = fromClient.read(buffer)) >= 0) {
                        ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
                        while (bytes.hasRemaining()) {
                            engine.write(bytes);
                        }
                    }
                }, client, engine);
                pipe(() -> {
                    ByteBuffer buffer = ByteBuffer.allocate(65536);
                    while (engine.read(buffer) >= 0) {
                        toClient.write(buffer.array(), 0, buffer.position());
                        toClient.flush();
                        buffer.clear();
                    }
                }, client, engine);
            } catch (IOException e) {
                // closed, or a client that failed the TLS handshake: keep serving the others
            }
        }
    }

    private interface Copy {
        void run() throws IOException;
    }

    private static void pipe(Copy copy, Socket client, SocketChannel engine) {
        Thread thread = new Thread(() -> {
            try {
                copy.run();
            } catch (IOException ignored) {
                // one side went away
            } finally {
                try {
                    client.close();
                    engine.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }, "engine-proxy-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
