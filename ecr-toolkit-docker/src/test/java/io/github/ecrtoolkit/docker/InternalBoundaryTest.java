package io.github.ecrtoolkit.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.github.ecrtoolkit.testing.InternalBoundary;

/** This module uses only the core internals marked for sharing, and its public API names no internal type. */
class InternalBoundaryTest {

    @Test
    void coreInternalsUsedHere_areMarkedForSharing() throws Exception {
        assertThat(InternalBoundary.unmarkedCoreInternalsImported(Path.of("src/main/java"))).isEmpty();
    }

    @Test
    void noPublicSignatureNamesAnInternalType() throws Exception {
        assertThat(InternalBoundary.publicSignaturesNamingInternals(Path.of("target/classes"))).isEmpty();
    }
}
