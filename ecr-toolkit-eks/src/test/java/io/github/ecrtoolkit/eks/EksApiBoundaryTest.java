package io.github.ecrtoolkit.eks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.github.ecrtoolkit.testing.ApiBoundary;

class EksApiBoundaryTest {

    @Test
    void publicSignatures_mentionNoInternalOrGeneratedType() {
        assertThat(ApiBoundary.publicTypes("io.github.ecrtoolkit.eks")).contains(EksDeployer.class,
                EksDeployResult.class);
        assertThat(ApiBoundary.leaks("io.github.ecrtoolkit.eks")).isEmpty();
    }

    @Test
    void coreInternalsUsedHere_areMarkedInternalApi() {
        assertThat(ApiBoundary.coreInternalsUsed()).isNotEmpty();
        assertThat(ApiBoundary.unmarkedCoreInternals()).isEmpty();
    }
}
