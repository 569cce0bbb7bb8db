package io.github.ecrtoolkit.testing.aws.ecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.ecrtoolkit.core.EcrToolkitException.Reason;
import io.github.ecrtoolkit.core.RegistryCredentials;
import io.github.ecrtoolkit.core.ecr.EcrAuthorization;
import io.github.ecrtoolkit.core.ecr.EcrException;
import io.github.ecrtoolkit.testing.aws.AwsCall;
import io.github.ecrtoolkit.testing.aws.AwsStandIn;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.ecr.EcrClient;

class EcrStandInTest {

    @RegisterExtension
    static final AwsStandIn aws = AwsStandIn.create();

    private EcrClient ecr;

    @BeforeEach
    void client() {
        ecr = aws.configure(EcrClient.builder()).httpClientBuilder(Apache5HttpClient.builder()).build();
    }

    @AfterEach
    void close() {
        ecr.close();
    }

    @Test
    void token_namesTheGivenRegistry_withItsCredentials() {
        aws.ecr().registry("127.0.0.1:5000", RegistryCredentials.basic("AWS", "registry-password"));

        EcrAuthorization token = EcrAuthorization.create(ecr);

        assertThat(token.proxyEndpoint()).isEqualTo(URI.create("http://127.0.0.1:5000"));
        assertThat(token.credentials()).isEqualTo(RegistryCredentials.basic("AWS", "registry-password"));
        assertThat(aws.calls()).containsExactly(new AwsCall("ecr", "GetAuthorizationToken"));
    }

    @Test
    void withoutARegistry_theTokenIsRefused_asForACallerWithoutEcrPermissions() {
        assertThatThrownBy(() -> EcrAuthorization.create(ecr).proxyEndpoint())
                .isInstanceOfSatisfying(EcrException.class, e -> assertThat(e.reason()).isEqualTo(Reason.ACCESS_DENIED))
                .hasMessageContaining("ecr:GetAuthorizationToken").hasMessageContaining("aws.ecr().registry(..)");
    }

    @Test
    void aRegistryElsewhereThanLoopback_isRefused() {
        assertThatThrownBy(() -> aws.ecr().registry("registry.example.com", RegistryCredentials.anonymous()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loopback");
    }
}
