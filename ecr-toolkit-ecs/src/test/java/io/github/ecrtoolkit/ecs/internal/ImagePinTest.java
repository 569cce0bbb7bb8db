package io.github.ecrtoolkit.ecs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImagePinTest {

    private static final String DIGEST = "sha256:" + "0f".repeat(32);

    @Test
    void pin_dropsTheTag_whenADigestIsGiven() {
        assertThat(ImagePin.pin("123.dkr.ecr.eu-west-1.amazonaws.com/orders:1.4.2@" + DIGEST))
                .isEqualTo("123.dkr.ecr.eu-west-1.amazonaws.com/orders@" + DIGEST);
    }

    @Test
    void pin_keepsARegistryPort() {
        assertThat(ImagePin.pin("localhost:5000/orders@" + DIGEST)).isEqualTo("localhost:5000/orders@" + DIGEST);
        assertThat(ImagePin.pin("localhost:5000/orders:1@" + DIGEST)).isEqualTo("localhost:5000/orders@" + DIGEST);
    }

    @Test
    void pin_leavesATagOnlyReferenceAlone() {
        assertThat(ImagePin.pin("localhost:5000/orders:1.4.2")).isEqualTo("localhost:5000/orders:1.4.2");
    }

    @Test
    void pin_refusesBlankOrSpacedReferences() {
        assertThatThrownBy(() -> ImagePin.pin("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ImagePin.pin("orders: 1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pin_refusesReferencesOutsideTheGrammar_sayingWhichPart() {
        assertThatThrownBy(() -> ImagePin.pin("NOT-A/Valid:::image")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NOT-A/Valid:::image");
    }
}
