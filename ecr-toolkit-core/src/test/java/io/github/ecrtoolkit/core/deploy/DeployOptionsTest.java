package io.github.ecrtoolkit.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class DeployOptionsTest {

    @Test
    void defaults_replaceTheOnlyContainer_withinFifteenMinutes() {
        DeployOptions options = DeployOptions.defaults();

        assertThat(options.containers()).isEmpty();
        assertThat(options.timeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(options.rollbackOnFailure()).isFalse();
    }

    @Test
    void containers_replaces_whileContainerAppends() {
        DeployOptions options = DeployOptions.builder().container("a").containers(List.of("b")).container("c").build();

        assertThat(options.containers()).containsExactly("b", "c");
    }

    @Test
    void toString_showsEnvironmentNames_neverValues() {
        DeployOptions options = DeployOptions.builder().environment("DB_PASSWORD", "hunter2-secret").build();

        assertThat(options.toString()).contains("DB_PASSWORD").doesNotContain("hunter2-secret");
    }

    @Test
    void timeout_mustBePositive() {
        assertThatThrownBy(() -> DeployOptions.builder().timeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    }

    @Test
    void toBuilder_copiesEverything() {
        DeployOptions options = DeployOptions.builder().container("web").rollbackOnFailure(true)
                .timeout(Duration.ofSeconds(30)).environment("A", "1").build();

        assertThat(options.toBuilder().build()).usingRecursiveComparison().isEqualTo(options);
    }
}
