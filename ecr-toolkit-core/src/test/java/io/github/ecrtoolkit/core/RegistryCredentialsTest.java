package io.github.ecrtoolkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RegistryCredentialsTest {

    @Test
    void toString_neverShowsThePassword() {
        RegistryCredentials creds = RegistryCredentials.basic("AWS", "s3cr3t-token");
        assertThat(creds.toString()).contains("AWS").doesNotContain("s3cr3t-token");
        assertThat(RegistryCredentialsProvider.of(creds).toString()).doesNotContain("s3cr3t-token");
        assertThat(creds.basicAuthorization()).contains("Basic QVdTOnMzY3IzdC10b2tlbg==");
    }

    @Test
    void anonymous_sendsNoAuthorization() {
        assertThat(RegistryCredentials.anonymous().basicAuthorization()).isEmpty();
        assertThat(RegistryCredentials.anonymous().isAnonymous()).isTrue();
    }
}
