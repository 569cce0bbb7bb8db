package io.github.ecrtoolkit.core.registry.internal;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLException;

import org.apache.hc.client5.http.ClientProtocolException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.NoHttpResponseException;

import io.github.ecrtoolkit.core.EcrToolkitException.Reason;
import io.github.ecrtoolkit.core.image.ImageReference;
import io.github.ecrtoolkit.core.registry.RegistryConnectionException;

/**
 * What a failed exchange with a registry means, by the kind of failure (never its text): a wait
 * that ran out or a broken connection may pass ({@link HttpTransport.TransientFailure}, retried); a
 * host name that does not resolve, TLS spoken to a plain-HTTP server or the reverse, and an
 * untrusted certificate will not, so they fail at once, naming the fix.
 */
final class NetworkFailures {

    private NetworkFailures() {
    }

    /**
     * @param plain   whether the client spoke plain HTTP
     * @param stalled whether the upload was broken off for want of progress
     */
    static RuntimeException of(String host, boolean plain, Endpoint<?> endpoint, IOException e, Timeouts timeouts,
                               boolean stalled) {
        String request = endpoint.method() + " " + URI.create(endpoint.url()).getPath();
        String where = URI.create(endpoint.url()).getAuthority();
        if (stalled) {
            return transient_("no bytes could be sent for " + Timeouts.text(timeouts.stall()) + " while " + endpoint.what()
                    + " to " + where, e);
        }
        if (e instanceof UnknownHostException) {
            return new RegistryConnectionException(Reason.UNAVAILABLE, "cannot resolve registry host '" + hostName(where)
                    + "' (DNS lookup failed): check the host name, and this machine's network and DNS settings; this is a"
                    + " network problem, not one of credentials", host, e);
        }
        if (e instanceof ConnectTimeoutException) {
            return transient_("could not connect to " + where + " within " + Timeouts.text(timeouts.connect())
                    + " (the network or the registry is unreachable; not a credentials problem)", e);
        }
        if (e instanceof ConnectException) {
            return transient_("could not connect to " + where + " (" + e.getMessage() + "): nothing listens there or the"
                    + " network blocks it; not a credentials problem", e);
        }
        if (e instanceof SocketTimeoutException) {
            return transient_("no answer from " + where + " to " + request + " within " + Timeouts.text(timeouts.response()), e);
        }
        if (e instanceof SSLException ssl && !causedBy(e, SocketException.class) && !causedBy(e, EOFException.class)) {
            return tls(host, where, ssl);
        }
        if (plain && endpoint.kind() == Endpoint.Kind.PING && (e instanceof ClientProtocolException || e instanceof NoHttpResponseException)) {
            return speaksTls(host, where, "did not answer GET /v2/ in plain HTTP", e);
        }
        return transient_(request + " failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }

    /** A registry reached over plain HTTP that answered 400 to {@code GET /v2/}: TLS servers answer plain requests so. */
    static RegistryConnectionException plainRefused(String host, String where) {
        return speaksTls(host, where, "refused plain HTTP (HTTP 400 to GET /v2/)", null);
    }

    private static RegistryConnectionException tls(String host, String where, SSLException e) {
        if (causedBy(e, GeneralSecurityException.class)) {
            return new RegistryConnectionException(Reason.INVALID_INPUT, "the TLS certificate of registry " + where
                    + " is not trusted (" + rootMessage(e) + "): add its CA to the Java trust store (-Djavax.net.ssl.trustStore=...),"
                    + " or fix the certificate; " + (ImageReference.isLoopbackHost(where)
                    ? "a local registry serving plain HTTP is reached with allowInsecureLoopback(true) (--insecure-registry on the"
                    + " command line)" : "TLS is always verified for registries that are not on this machine"), host, e);
        }
        String fix = ImageReference.isLoopbackHost(where)
                ? "if this local registry serves plain HTTP, allow it with allowInsecureLoopback(true) (--insecure-registry on the"
                + " command line)"
                : "check the port; plain HTTP is only allowed for registries on this machine (allowInsecureLoopback)";
        return new RegistryConnectionException(Reason.INVALID_INPUT, "TLS with registry " + where + " failed ("
                + rootMessage(e) + "): it does not speak TLS there, or not a version or cipher Java accepts; " + fix, host, e);
    }

    private static RegistryConnectionException speaksTls(String host, String where, String what, Throwable cause) {
        return new RegistryConnectionException(Reason.INVALID_INPUT, "registry " + where + " " + what
                + ": it speaks TLS; reach it without allowInsecureLoopback(true) (drop --insecure-registry on the command line)",
                host, cause);
    }

    private static HttpTransport.TransientFailure transient_(String message, IOException cause) {
        return new HttpTransport.TransientFailure(message, 0, null, null, cause);
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t.getCause(); c != null && c != t; t = c, c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    private static String hostName(String authority) {
        if (authority.startsWith("[")) {
            return authority.substring(0, authority.indexOf(']') + 1);
        }
        int colon = authority.lastIndexOf(':');
        return colon < 0 ? authority : authority.substring(0, colon);
    }
}
