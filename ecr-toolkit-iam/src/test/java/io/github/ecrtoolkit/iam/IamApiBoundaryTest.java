package io.github.ecrtoolkit.iam;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.github.ecrtoolkit.iam.doctor.Doctor;
import io.github.ecrtoolkit.testing.ApiBoundary;

class IamApiBoundaryTest {

    @Test
    void publicSignatures_mentionNoInternalOrGeneratedType() {
        assertThat(ApiBoundary.publicTypes("io.github.ecrtoolkit.iam")).contains(Preflight.class, PolicySetup.class,
                Doctor.class);
        assertThat(ApiBoundary.leaks("io.github.ecrtoolkit.iam")).isEmpty();
    }

    @Test
    void coreInternalsUsedHere_areMarkedInternalApi() {
        assertThat(ApiBoundary.coreInternalsUsed()).isNotEmpty();
        assertThat(ApiBoundary.unmarkedCoreInternals()).isEmpty();
    }
}
