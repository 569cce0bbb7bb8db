package io.github.ecrtoolkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.hc.core5.http.message.BasicLineFormatter;
import org.apache.hc.core5.util.CharArrayBuffer;
import org.junit.jupiter.api.Test;

class SecretHeaderTest {

    private final SecretHeader header = SecretHeader.of("Authorization", "Basic QVdTOnMzY3IzdA==");

    @Test
    void toString_asHttpClientsHeaderLogPrintsIt_masksTheValue() {
        assertThat(String.valueOf(header)).isEqualTo("Authorization: ****").doesNotContain("QVdTOnMzY3IzdA");
        assertThat(header.isSensitive()).isTrue();
    }

    @Test
    void onTheWire_theRealValueIsSent() {
        CharArrayBuffer line = new CharArrayBuffer(64);
        BasicLineFormatter.INSTANCE.formatHeader(line, header);

        assertThat(line.toString()).isEqualTo("Authorization: Basic QVdTOnMzY3IzdA==");
    }
}
