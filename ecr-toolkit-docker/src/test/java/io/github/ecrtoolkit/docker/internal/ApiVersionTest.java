package io.github.ecrtoolkit.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ApiVersionTest {

    @Test
    void negotiate_withAnOlderEngine_usesTheEnginesVersion() {
        assertThat(ApiVersion.negotiate(ApiVersion.parse("1.41"))).isEqualTo(new ApiVersion(1, 41));
    }

    @Test
    void negotiate_withANewerEngine_usesOurNewest() {
        assertThat(ApiVersion.negotiate(ApiVersion.parse("1.51"))).isEqualTo(ApiVersion.MAXIMUM);
    }

    @Test
    void isBelowMinimum_forAnEngineWithoutBuildPlatform_isTrue() {
        assertThat(ApiVersion.parse("1.31").isBelowMinimum()).isTrue();
        assertThat(ApiVersion.parse("1.32").isBelowMinimum()).isFalse();
    }

    @Test
    void compare_isNumericNotLexical() {
        assertThat(ApiVersion.parse("1.9")).isLessThan(ApiVersion.parse("1.10"));
    }

    @Test
    void parse_ofGarbage_fails() {
        assertThatThrownBy(() -> ApiVersion.parse("latest")).isInstanceOf(IllegalArgumentException.class);
    }
}
