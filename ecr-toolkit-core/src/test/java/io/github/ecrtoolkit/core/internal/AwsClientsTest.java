package io.github.ecrtoolkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class AwsClientsTest {

    /** Stands in for a client interface such as EcsClient. */
    interface Client extends AutoCloseable {
        String describe(String name);

        @Override
        void close();
    }

    static final class RealClient implements Client {
        final List<String> calls = new ArrayList<>();

        @Override
        public String describe(String name) {
            if (name.isEmpty()) {
                throw new IllegalStateException("no name");
            }
            calls.add(name);
            return "described " + name;
        }

        @Override
        public void close() {
            calls.add("close");
        }

        @Override
        public String toString() {
            return "RealClient";
        }
    }

    @Test
    void notClosed_passesCallsOn_butNotClose() {
        RealClient real = new RealClient();
        Client lent = AwsClients.notClosed(Client.class, real);

        assertThat(lent.describe("orders")).isEqualTo("described orders");
        lent.close();

        assertThat(real.calls).containsExactly("orders");
        assertThat(lent.toString()).contains("RealClient");
    }

    @Test
    void notClosed_throwsWhatTheClientThrows() {
        Client lent = AwsClients.notClosed(Client.class, new RealClient());

        assertThatThrownBy(() -> lent.describe("")).isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("no name");
    }

    @Test
    void notClosed_twice_wrapsOnce() {
        Client lent = AwsClients.notClosed(Client.class, new RealClient());

        assertThat(AwsClients.notClosed(Client.class, lent)).isSameAs(lent);
    }
}
