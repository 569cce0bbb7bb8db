package io.github.ecrtoolkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.github.ecrtoolkit.core.registry.internal.RetryPolicy;
import io.github.ecrtoolkit.testing.ApiBoundary;

/** Core's public API names no internal or generated type: users never meet one, and internals can change freely. */
class InternalBoundaryTest {

    /** A public type that leaks an internal one, for the check to find (it lives in the test classes). */
    public static final class Leaky {
        public RetryPolicy policy() {
            return RetryPolicy.DEFAULT;
        }

        public java.util.List<? extends RetryPolicy> policies() {
            return java.util.List.of();
        }
    }

    @Test
    void noPublicSignatureNamesAnInternalOrGeneratedType() {
        assertThat(ApiBoundary.publicTypes("io.github.ecrtoolkit.core")).hasSizeGreaterThan(50);
        assertThat(ApiBoundary.leaks("io.github.ecrtoolkit.core")).isEmpty();
    }

    @Test
    void theCheck_findsALeak_inAGenericArgumentToo() {
        assertThat(ApiBoundary.leaks(Leaky.class)).hasSize(2).allMatch(leak -> leak.contains(RetryPolicy.class.getName()));
    }
}
