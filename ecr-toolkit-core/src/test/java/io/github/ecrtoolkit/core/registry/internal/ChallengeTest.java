package io.github.ecrtoolkit.core.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ChallengeTest {

    @Test
    void parse_bearer_givesRealmServiceAndScope() {
        Challenge c = Challenge.parse("Bearer realm=\"https://auth.example.com/token\",service=\"registry.example.com\",scope=\"repository:a/b:pull\"");
        assertThat(c.isBearer()).isTrue();
        assertThat(c.params()).containsEntry("realm", "https://auth.example.com/token").containsEntry("service", "registry.example.com")
                .containsEntry("scope", "repository:a/b:pull");
    }

    @Test
    void parse_basic_andMissingHeader_meanBasic() {
        assertThat(Challenge.parse("Basic realm=\"https://123456789012.dkr.ecr.eu-west-1.amazonaws.com/\"").isBasic()).isTrue();
        assertThat(Challenge.parse(null).isBasic()).isTrue();
    }

    @Test
    void retryPolicy_honoursRetryAfterUpToTheCap_andBacksOffOtherwise() {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(5));
        assertThat(policy.delay(1, Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delay(1, Duration.ofMinutes(5))).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.delay(4, null)).isBetween(Duration.ofMillis(400), Duration.ofMillis(800));
        assertThat(policy.delay(30, null)).isLessThanOrEqualTo(Duration.ofSeconds(5));
    }
}
