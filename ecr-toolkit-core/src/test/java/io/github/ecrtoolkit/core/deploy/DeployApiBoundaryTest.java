package io.github.ecrtoolkit.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.github.ecrtoolkit.testing.ApiBoundary;

class DeployApiBoundaryTest {

    @Test
    void deployApi_andEcr_mentionNoInternalOrGeneratedType() {
        assertThat(ApiBoundary.publicTypes("io.github.ecrtoolkit.core.deploy")).isNotEmpty();
        assertThat(ApiBoundary.leaks("io.github.ecrtoolkit.core.deploy")).isEmpty();
        assertThat(ApiBoundary.leaks("io.github.ecrtoolkit.core.ecr")).isEmpty();
    }
}
