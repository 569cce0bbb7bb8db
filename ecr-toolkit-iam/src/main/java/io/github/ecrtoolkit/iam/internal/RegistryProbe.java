package io.github.ecrtoolkit.iam.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.time.Duration;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * How a registry answers at the network level: resolvable, reachable, and whether it speaks TLS
 * (with a certificate this JVM trusts) or plain HTTP. One TCP connection for the TLS handshake, and
 * one more to confirm plain HTTP when the handshake met plain text.
 */
public final class RegistryProbe {

    /** What the probe found. */
    public enum Result { TLS, TLS_UNTRUSTED, PLAIN_HTTP, UNKNOWN_HOST, UNREACHABLE, UNKNOWN_PROTOCOL }

    /**
     * @param result what it found
     * @param detail a short explanation (the status line, the refusal), never a secret
     */
    public record Probe(Result result, String detail) {
    }

    private RegistryProbe() {
    }

    /** Probes {@code host[:port]} (port 443 when none). */
    public static Probe probe(String hostAndPort, Duration timeout) {
        String host = hostAndPort;
        int port = 443;
        int colon = hostAndPort.lastIndexOf(':');
        if (colon > 0 && !hostAndPort.endsWith("]")) {
            host = hostAndPort.substring(0, colon);
            port = Integer.parseInt(hostAndPort.substring(colon + 1));
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return new Probe(Result.UNKNOWN_HOST, "cannot resolve " + host);
        }
        int millis = (int) timeout.toMillis();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), millis);
            socket.setSoTimeout(millis);
            try (SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(socket, host, port, true)) {
                tls.startHandshake();
                return new Probe(Result.TLS, tls.getSession().getProtocol());
            }
        } catch (SSLHandshakeException e) {
            if (hasCause(e, CertificateException.class) || String.valueOf(e.getMessage()).contains("PKIX")) {
                return new Probe(Result.TLS_UNTRUSTED, "certificate not trusted by this JVM");
            }
            return plainOr(address, host, port, millis, e);
        } catch (SSLException e) {
            return plainOr(address, host, port, millis, e);
        } catch (IOException e) {
            return new Probe(Result.UNREACHABLE, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    private static Probe plainOr(InetAddress address, String host, int port, int millis, SSLException tlsFailure) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), millis);
            socket.setSoTimeout(millis);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /v2/ HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String statusLine = firstLine(socket.getInputStream());
            if (statusLine.startsWith("HTTP/")) {
                return new Probe(Result.PLAIN_HTTP, statusLine);
            }
        } catch (IOException e) {
            // neither TLS nor HTTP answered: say what TLS met
        }
        return new Probe(Result.UNKNOWN_PROTOCOL, String.valueOf(tlsFailure.getMessage()));
    }

    private static String firstLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\n' && line.length() < 200; c = in.read()) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
