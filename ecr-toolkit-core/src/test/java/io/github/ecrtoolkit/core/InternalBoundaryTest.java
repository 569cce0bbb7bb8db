package io.github.ecrtoolkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.github.ecrtoolkit.core.registry.internal.RetryPolicy;
import io.github.ecrtoolkit.testing.InternalBoundary;

/** Core's public API names no internal type: users never meet one, and internals can change freely. */
class InternalBoundaryTest {

    /** A public type that leaks an internal one, for the checker to find. */
    public static final class Leaky {
        public RetryPolicy policy() {
            return RetryPolicy.DEFAULT;
        }

        public java.util.List<? extends RetryPolicy> policies() {
            return java.util.List.of();
        }
    }

    @Test
    void noPublicSignatureNamesAnInternalType() throws Exception {
        assertThat(InternalBoundary.publicSignaturesNamingInternals(Path.of("target/classes"))).isEmpty();
    }

    @Test
    void theCheck_findsALeak_inAGenericArgumentToo() throws Exception {
        assertThat(InternalBoundary.publicSignaturesNamingInternals(Path.of("target/test-classes")))
                .filteredOn(s -> s.contains("Leaky"))
                .containsExactlyInAnyOrder(Leaky.class.getName() + ".policy names " + RetryPolicy.class.getName(),
                        Leaky.class.getName() + ".policies names " + RetryPolicy.class.getName());
    }
}
