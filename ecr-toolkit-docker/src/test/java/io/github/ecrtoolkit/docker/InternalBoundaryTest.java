package io.github.ecrtoolkit.docker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.github.ecrtoolkit.testing.ApiBoundary;

/** This module uses only the core internals marked for sharing, and its public API names no internal type. */
class InternalBoundaryTest {

    @Test
    void coreInternalsUsedHere_areMarkedForSharing() {
        assertThat(ApiBoundary.coreInternalsUsed()).isNotEmpty();
        assertThat(ApiBoundary.unmarkedCoreInternals()).isEmpty();
    }

    @Test
    void noPublicSignatureNamesAnInternalType() {
        assertThat(ApiBoundary.leaks("io.github.ecrtoolkit.docker")).isEmpty();
    }
}
