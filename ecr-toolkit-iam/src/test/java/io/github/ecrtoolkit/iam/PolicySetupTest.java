package io.github.ecrtoolkit.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.ecrtoolkit.core.AwsException;
import io.github.ecrtoolkit.core.EcrToolkitException.Reason;
import io.github.ecrtoolkit.core.permissions.Capability;
import io.github.ecrtoolkit.core.permissions.PermissionScope;
import io.github.ecrtoolkit.core.permissions.Permissions;
import io.github.ecrtoolkit.testing.aws.AwsStandIn;

import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

class PolicySetupTest {

    private static final PermissionScope ORDERS = PermissionScope.builder().region("eu-west-1").repository("orders").build();

    @RegisterExtension
    static final AwsStandIn aws = AwsStandIn.create();

    private StsClient sts;
    private IamClient iam;
    private PolicySetup setup;

    @BeforeEach
    void start() {
        sts = aws.configure(StsClient.builder()).httpClientBuilder(Apache5HttpClient.builder()).build();
        iam = aws.configure(IamClient.builder()).httpClientBuilder(Apache5HttpClient.builder()).build();
        setup = PolicySetup.create(iam, sts);
    }

    @AfterEach
    void stop() {
        setup.close();
        sts.close();
        iam.close();
    }

    @Test
    void createsThePolicy_scopedToTheCallersAccount_andAttachesItToTheRole_withoutAccessKeys() throws Exception {
        aws.iam().givenRole("github-deploy", "ecs-tasks.amazonaws.com");

        PolicySetupResult result = setup.apply(Capability.PUSH, ORDERS, PolicyTarget.role("github-deploy"));

        assertThat(result.change()).isEqualTo(PolicySetupResult.Change.CREATED);
        assertThat(result.policyArn()).isEqualTo("arn:aws:iam::123456789012:policy/ecr-toolkit-push");
        assertThat(aws.iam().role("github-deploy").orElseThrow().attachedPolicyArns()).containsExactly(result.policyArn());
        String document = aws.iam().policy("ecr-toolkit-push").orElseThrow().document();
        ObjectMapper mapper = new ObjectMapper();
        assertThat(mapper.readTree(document)).isEqualTo(mapper.readTree(Permissions.policy(Capability.PUSH,
                ORDERS.toBuilder().account("123456789012").build()).toJson()));
        assertThat(document).contains("arn:aws:ecr:eu-west-1:123456789012:repository/orders");
        assertThat(aws.operations("iam")).containsExactly("CreatePolicy", "AttachRolePolicy");
    }

    @Test
    void runAgain_sameScope_isUnchanged_widerScope_getsANewDefaultVersion() {
        aws.iam().givenUser("developer").givenGroup("deployers");
        setup.apply(Capability.DEPLOY_ECS, ORDERS, PolicyTarget.user("developer"));

        PolicySetupResult same = setup.apply(Capability.DEPLOY_ECS, ORDERS, PolicyTarget.group("deployers"));
        PolicySetupResult wider = setup.apply(Capability.DEPLOY_ECS, ORDERS.toBuilder().cluster("prod").build(),
                PolicyTarget.group("deployers"));

        assertThat(same.change()).isEqualTo(PolicySetupResult.Change.UNCHANGED);
        assertThat(wider.change()).isEqualTo(PolicySetupResult.Change.UPDATED);
        assertThat(aws.iam().policy("ecr-toolkit-deploy-ecs").orElseThrow().defaultVersionId()).isEqualTo("v2");
        assertThat(aws.iam().userPolicies("developer")).containsExactly(same.policyArn());
        assertThat(aws.iam().groupPolicies("deployers")).containsExactly(same.policyArn());
        assertThat(aws.calls()).noneMatch(call -> call.operation().contains("AccessKey"));
    }

    @Test
    void unknownTarget_failsNamingIt() {
        assertThatThrownBy(() -> setup.apply(Capability.PUSH, ORDERS, PolicyTarget.user("nobody")))
                .isInstanceOf(AwsException.class).hasMessageContaining("IAM AttachUserPolicy on user nobody: not found")
                .satisfies(e -> assertThat(((AwsException) e).reason()).isEqualTo(Reason.NOT_FOUND));
        assertThatThrownBy(() -> PolicyTarget.role("arn:aws:iam::123456789012:role/x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("give the name, not the ARN");
    }
}
