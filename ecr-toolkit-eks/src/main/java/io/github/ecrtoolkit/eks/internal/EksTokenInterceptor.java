package io.github.ecrtoolkit.eks.internal;

import java.net.HttpURLConnection;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.github.ecrtoolkit.eks.EksToken;
import io.github.ecrtoolkit.eks.EksTokenProvider;

/**
 * Puts the EKS token on every Kubernetes API request and, when the API answers 401, renews it and
 * lets fabric8 send the request once more. Installed in place of fabric8's own token interceptor.
 */
public final class EksTokenInterceptor implements Interceptor {

    /** fabric8's name for its token interceptor, which this one replaces. */
    public static final String NAME = "TOKEN";

    private static final Logger LOG = LoggerFactory.getLogger(EksTokenInterceptor.class);
    private static final String AUTHORIZATION = "Authorization";
    private static final String BEARER = "Bearer ";

    private final EksTokenProvider tokens;

    public EksTokenInterceptor(EksTokenProvider tokens) {
        this.tokens = tokens;
    }

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        builder.setHeader(AUTHORIZATION, BEARER + tokens.token().value());
    }

    @Override
    public CompletableFuture<Boolean> afterFailure(BasicBuilder builder, HttpResponse<?> response, RequestTags tags) {
        if (response.code() != HttpURLConnection.HTTP_UNAUTHORIZED) {
            return CompletableFuture.completedFuture(false);
        }
        String sent = response.request() == null ? null : response.request().header(AUTHORIZATION);
        EksToken current = tokens.token();
        if (sent == null || sent.equals(BEARER + current.value())) {
            current = tokens.renew(current);
        }
        LOG.debug("Kubernetes API of EKS cluster {} answered 401; retrying once with a token signed at {}",
                tokens.cluster(), current.signedAt());
        builder.setHeader(AUTHORIZATION, BEARER + current.value());
        return CompletableFuture.completedFuture(true);
    }

    @Override
    public String toString() {
        return "EksTokenInterceptor[" + tokens.cluster() + "]";
    }
}
