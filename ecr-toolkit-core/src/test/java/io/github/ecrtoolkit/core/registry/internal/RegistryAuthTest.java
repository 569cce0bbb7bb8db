package io.github.ecrtoolkit.core.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.github.ecrtoolkit.core.RegistryCredentials;
import io.github.ecrtoolkit.core.RegistryCredentialsProvider;

class RegistryAuthTest {

    private final AtomicInteger invalidations = new AtomicInteger();
    private final RegistryCredentialsProvider provider = new RegistryCredentialsProvider() {
        @Override
        public RegistryCredentials credentials() {
            return RegistryCredentials.basic("AWS", "token-" + invalidations.get());
        }

        @Override
        public void invalidate() {
            invalidations.incrementAndGet();
        }
    };
    private final RegistryAuth auth = new RegistryAuth("127.0.0.1:5000", provider, () -> null);

    @Test
    void unauthorized_byRequestsSentWithTheSameCredentials_refreshesOnce() {
        auth.learn(Challenge.parse("Basic realm=\"registry\""));
        long seenByBoth = auth.generation();

        auth.unauthorized("Basic realm=\"registry\"", seenByBoth);
        auth.unauthorized("Basic realm=\"registry\"", seenByBoth);

        assertThat(invalidations).hasValue(1);
    }

    @Test
    void unauthorized_afterARefresh_refreshesAgain() {
        auth.learn(Challenge.parse("Basic realm=\"registry\""));
        auth.unauthorized("Basic realm=\"registry\"", auth.generation());

        auth.unauthorized("Basic realm=\"registry\"", auth.generation());

        assertThat(invalidations).hasValue(2);
    }
}
