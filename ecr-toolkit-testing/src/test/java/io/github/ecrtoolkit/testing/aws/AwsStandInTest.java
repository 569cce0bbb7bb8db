package io.github.ecrtoolkit.testing.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.ecrtoolkit.testing.aws.iam.IamStandIn;

import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.sts.StsClient;

class AwsStandInTest {

    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"ecs-tasks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    @RegisterExtension
    static final AwsStandIn aws = AwsStandIn.create();

    private IamClient iam;
    private StsClient sts;

    @BeforeEach
    void clients() {
        iam = aws.configure(IamClient.builder()).httpClientBuilder(Apache5HttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD)).build();
        sts = aws.configure(StsClient.builder()).httpClientBuilder(Apache5HttpClient.builder()).build();
    }

    @AfterEach
    void close() {
        iam.close();
        sts.close();
    }

    @Test
    void stsSaysWhoTheCallerIs() {
        aws.account(aws.account().withCaller("arn:aws:sts::123456789012:assumed-role/deploy/ci"));

        var identity = sts.getCallerIdentity();

        assertThat(identity.account()).isEqualTo("123456789012");
        assertThat(identity.arn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/deploy/ci");
        assertThat(aws.calls()).containsExactly(new AwsCall("sts", "GetCallerIdentity"));
    }

    @Test
    void rolesAreKeptAndAnsweredFromState() {
        iam.createRole(r -> r.roleName("app-exec").assumeRolePolicyDocument(TRUST).tags(Tag.builder().key("owner").value("me").build()));
        iam.attachRolePolicy(r -> r.roleName("app-exec").policyArn(IamStandIn.ECS_TASK_EXECUTION_POLICY));

        var role = iam.getRole(r -> r.roleName("app-exec")).role();

        assertThat(role.arn()).isEqualTo("arn:aws:iam::123456789012:role/app-exec");
        assertThat(role.assumeRolePolicyDocument()).contains("ecs-tasks.amazonaws.com");
        assertThat(role.tags()).containsExactly(Tag.builder().key("owner").value("me").build());
        assertThat(iam.listAttachedRolePolicies(r -> r.roleName("app-exec")).attachedPolicies())
                .singleElement().satisfies(policy -> assertThat(policy.policyArn()).isEqualTo(IamStandIn.ECS_TASK_EXECUTION_POLICY));
        assertThat(aws.iam().role("app-exec")).hasValueSatisfying(r -> assertThat(r.trusts("ecs-tasks.amazonaws.com")).isTrue());
    }

    @Test
    void iamErrorsAreTheRealOnes() {
        iam.createRole(r -> r.roleName("app-exec").assumeRolePolicyDocument(TRUST));
        iam.attachRolePolicy(r -> r.roleName("app-exec").policyArn(IamStandIn.ECS_TASK_EXECUTION_POLICY));

        assertThatThrownBy(() -> iam.createRole(r -> r.roleName("app-exec").assumeRolePolicyDocument(TRUST)))
                .isInstanceOf(EntityAlreadyExistsException.class);
        assertThatThrownBy(() -> iam.deleteRole(r -> r.roleName("app-exec"))).isInstanceOf(DeleteConflictException.class);
        assertThatThrownBy(() -> iam.getRole(r -> r.roleName("missing"))).isInstanceOf(NoSuchEntityException.class);

        iam.detachRolePolicy(r -> r.roleName("app-exec").policyArn(IamStandIn.ECS_TASK_EXECUTION_POLICY));
        iam.deleteRole(r -> r.roleName("app-exec"));
        assertThat(aws.iam().roles()).isEmpty();
    }

    @Test
    void scriptedFaultsComeFirstAndAreCounted() {
        aws.failNext("iam", "CreateRole", AwsFault.throttling());

        iam.createRole(r -> r.roleName("app-exec").assumeRolePolicyDocument(TRUST));   // the SDK retries the throttled call

        assertThat(aws.operations("iam")).containsExactly("CreateRole", "CreateRole");
        aws.failNext("iam", "GetRole", AwsFault.accessDenied("iam:GetRole"));
        assertThatThrownBy(() -> iam.getRole(r -> r.roleName("app-exec")))
                .isInstanceOfSatisfying(IamException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                    assertThat(e.getMessage()).contains("iam:GetRole");
                });
    }

    @Test
    void aNewRoleIsNotAssumableUntilItPropagates() {
        Instant start = Instant.parse("2026-11-29T10:00:00Z");
        aws.clock(Clock.fixed(start, ZoneOffset.UTC)).iam().propagationDelay(Duration.ofSeconds(5));
        String arn = iam.createRole(r -> r.roleName("app-exec").assumeRolePolicyDocument(TRUST)).role().arn();

        assertThat(aws.iam().assumable(arn)).isFalse();
        aws.clock(Clock.fixed(start.plusSeconds(5), ZoneOffset.UTC));
        assertThat(aws.iam().assumable(arn)).isTrue();
    }

    @Test
    void aCallTheStandInDoesNotFakeIsRecordedSoTheTestFails() {
        assertThatThrownBy(() -> iam.listUsers()).isInstanceOf(IamException.class).hasMessageContaining("does not fake iam:ListUsers");

        assertThat(aws.unfaked()).containsExactly(new AwsCall("iam", "ListUsers"));
        aws.reset();   // else the extension fails this test, as it should fail any other
    }

    @Test
    void eachTestStartsFromAnEmptyAccount() {
        assertThat(aws.iam().roles()).isEmpty();
        assertThat(aws.calls()).isEmpty();
    }
}
