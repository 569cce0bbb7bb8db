package io.github.ecrtoolkit.testing.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.ecrtoolkit.core.permissions.Capability;
import io.github.ecrtoolkit.testing.aws.iam.Simulation;

import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;

class IamPoliciesStandInTest {

    private static final String DOCUMENT = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"ecr:PutImage\",\"Resource\":\"*\"}]}";

    @RegisterExtension
    static final AwsStandIn aws = AwsStandIn.create();

    private IamClient iam;

    @BeforeEach
    void client() {
        iam = aws.configure(IamClient.builder()).httpClientBuilder(Apache5HttpClient.builder()).build();
    }

    @AfterEach
    void close() {
        iam.close();
    }

    @Test
    void simulator_allowsAll_butWhatTheTestDenies_andRecordsTheRequest() {
        aws.iam().deny("ecs:CreateService");

        List<EvaluationResult> results = iam.simulatePrincipalPolicy(r -> r.policySourceArn(AwsAccount.DEFAULT_CALLER_ARN)
                .actionNames("ecs:CreateService", "ecs:DescribeServices")
                .resourceArns("arn:aws:ecs:eu-west-1:123456789012:service/prod/orders")
                .contextEntries(c -> c.contextKeyName("iam:PassedToService").contextKeyValues("ecs-tasks.amazonaws.com")
                        .contextKeyType("string"))).evaluationResults();

        assertThat(results).extracting(EvaluationResult::evalActionName, EvaluationResult::evalDecision).containsExactly(
                org.assertj.core.groups.Tuple.tuple("ecs:CreateService", PolicyEvaluationDecisionType.IMPLICIT_DENY),
                org.assertj.core.groups.Tuple.tuple("ecs:DescribeServices", PolicyEvaluationDecisionType.ALLOWED));
        assertThat(aws.iam().simulations()).containsExactly(new Simulation(AwsAccount.DEFAULT_CALLER_ARN,
                List.of("ecs:CreateService", "ecs:DescribeServices"),
                List.of("arn:aws:ecs:eu-west-1:123456789012:service/prod/orders"),
                java.util.Map.of("iam:PassedToService", List.of("ecs-tasks.amazonaws.com"))));
    }

    @Test
    void policies_areCreatedOnce_versioned_andAttachedToUsersGroupsAndRoles() {
        aws.iam().givenUser("developer").givenGroup("deployers").givenRole("deploy", "ecs-tasks.amazonaws.com");

        String arn = iam.createPolicy(r -> r.policyName("ecr-toolkit-push").policyDocument(DOCUMENT)).policy().arn();
        assertThatThrownBy(() -> iam.createPolicy(r -> r.policyName("ecr-toolkit-push").policyDocument(DOCUMENT)))
                .isInstanceOf(EntityAlreadyExistsException.class);
        iam.createPolicyVersion(r -> r.policyArn(arn).policyDocument(DOCUMENT.replace("PutImage", "BatchGetImage")).setAsDefault(true));
        iam.attachUserPolicy(r -> r.userName("developer").policyArn(arn));
        iam.attachGroupPolicy(r -> r.groupName("deployers").policyArn(arn));
        iam.attachRolePolicy(r -> r.roleName("deploy").policyArn(arn));

        assertThat(arn).isEqualTo("arn:aws:iam::123456789012:policy/ecr-toolkit-push");
        assertThat(iam.getPolicy(r -> r.policyArn(arn)).policy().defaultVersionId()).isEqualTo("v2");
        String document = iam.getPolicyVersion(r -> r.policyArn(arn).versionId("v2")).policyVersion().document();
        assertThat(URLDecoder.decode(document, StandardCharsets.UTF_8)).contains("ecr:BatchGetImage");
        assertThat(aws.iam().userPolicies("developer")).containsExactly(arn);
        assertThat(aws.iam().groupPolicies("deployers")).containsExactly(arn);
        assertThat(aws.iam().role("deploy").orElseThrow().attachedPolicyArns()).containsExactly(arn);
        assertThatThrownBy(() -> iam.attachUserPolicy(r -> r.userName("nobody").policyArn(arn)))
                .isInstanceOf(NoSuchEntityException.class);
    }

    @Test
    void permissionsAssert_namesTheActionTheTableLacks() {
        List<AwsCall> calls = List.of(new AwsCall("sts", "GetCallerIdentity"), new AwsCall("ecs", "UpdateService"),
                new AwsCall("ecs", "CreateCluster"));

        PermissionsAssert.coveredBy(Capability.ECS_UP, calls);
        assertThatThrownBy(() -> PermissionsAssert.coveredBy(Capability.DEPLOY_ECS, calls)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("[ecs:CreateCluster]").hasMessageContaining("deploy-ecs");
        assertThatThrownBy(() -> PermissionsAssert.coveredBy(Capability.PUSH, List.of()))
                .hasMessageContaining("no calls recorded");
    }
}
