package io.github.ecrtoolkit.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.github.ecrtoolkit.testing.ApiBoundary;

class EcsApiBoundaryTest {

    @Test
    void publicSignatures_mentionNoInternalOrGeneratedType() {
        assertThat(ApiBoundary.publicTypes("io.github.ecrtoolkit.ecs")).contains(EcsDeployer.class,
                EcsDeployResult.class);
        assertThat(ApiBoundary.leaks("io.github.ecrtoolkit.ecs")).isEmpty();
    }

    @Test
    void coreInternalsUsedHere_areMarkedInternalApi() {
        assertThat(ApiBoundary.coreInternalsUsed()).isNotEmpty();
        assertThat(ApiBoundary.unmarkedCoreInternals()).isEmpty();
    }
}
