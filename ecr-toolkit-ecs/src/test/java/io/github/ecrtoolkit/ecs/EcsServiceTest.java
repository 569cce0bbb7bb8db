package io.github.ecrtoolkit.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EcsServiceTest {

    @Test
    void displayName_usesShortNames_evenForArns() {
        EcsService service = EcsService.of("arn:aws:ecs:eu-west-1:123456789012:cluster/prod",
                "arn:aws:ecs:eu-west-1:123456789012:service/prod/orders");

        assertThat(service.displayName()).isEqualTo("ecs:prod/orders");
        assertThat(service.cluster()).startsWith("arn:");
    }

    @Test
    void equalServices_areEqual() {
        assertThat(EcsService.of("prod", "orders")).isEqualTo(EcsService.of("prod", "orders"))
                .hasSameHashCodeAs(EcsService.of("prod", "orders")).isNotEqualTo(EcsService.of("prod", "billing"));
    }

    @Test
    void blankNames_areRefused() {
        assertThatThrownBy(() -> EcsService.of(" ", "orders")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cluster");
        assertThatThrownBy(() -> EcsService.of("prod", "")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("service");
    }
}
