package io.github.ecrtoolkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.github.ecrtoolkit.testing.InternalBoundary;

/** Core's public API names no internal type: users never meet one, and internals can change freely. */
class InternalBoundaryTest {

    @Test
    void noPublicSignatureNamesAnInternalType() throws Exception {
        assertThat(InternalBoundary.publicSignaturesNamingInternals(Path.of("target/classes"))).isEmpty();
    }
}
