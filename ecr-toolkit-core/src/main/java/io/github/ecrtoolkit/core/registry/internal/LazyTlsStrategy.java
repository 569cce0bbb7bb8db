package io.github.ecrtoolkit.core.registry.internal;

import java.io.IOException;
import java.net.Socket;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * HttpClient's default verified TLS, set up on the first TLS connection instead of when the client
 * is built: loading the trust store and the TLS stack costs about 0.2 s of a short run, wasted on a
 * plain-HTTP loopback registry.
 */
final class LazyTlsStrategy implements TlsSocketStrategy {

    private volatile TlsSocketStrategy delegate;

    @Override
    public SSLSocket upgrade(Socket socket, String target, int port, Object attachment, HttpContext context)
            throws IOException {
        TlsSocketStrategy tls = delegate;
        if (tls == null) {
            synchronized (this) {
                tls = delegate;
                if (tls == null) {
                    tls = DefaultClientTlsStrategy.createDefault();
                    delegate = tls;
                }
            }
        }
        return tls.upgrade(socket, target, port, attachment, context);
    }
}
