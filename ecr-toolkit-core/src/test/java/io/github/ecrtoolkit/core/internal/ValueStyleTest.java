package io.github.ecrtoolkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.immutables.value.Value;
import org.junit.jupiter.api.Test;

class ValueStyleTest {

    @Value.Immutable
    @ValueStyle
    interface Login {
        String user();

        @Value.Redacted
        String password();
    }

    @Test
    void toString_masksRedactedAttributes() {
        Login login = ImmutableLogin.builder().user("AWS").password("s3cr3t-value").build();

        assertThat(login.toString()).contains("AWS").contains("****").doesNotContain("s3cr3t-value");
        assertThat(login.password()).isEqualTo("s3cr3t-value");
    }
}
