package io.github.ecrtoolkit.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.ecrtoolkit.core.AwsException;
import io.github.ecrtoolkit.core.EcrToolkitException.Reason;
import io.github.ecrtoolkit.core.permissions.Capability;
import io.github.ecrtoolkit.core.permissions.PermissionScope;
import io.github.ecrtoolkit.core.permissions.Permissions;
import io.github.ecrtoolkit.testing.aws.AwsCall;
import io.github.ecrtoolkit.testing.aws.AwsFault;
import io.github.ecrtoolkit.testing.aws.AwsStandIn;
import io.github.ecrtoolkit.testing.aws.iam.Simulation;

import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

class PreflightTest {

    private static final PermissionScope ORDERS = PermissionScope.builder().repository("orders").cluster("prod")
            .service("orders").role("ordersTaskRole").build();

    @RegisterExtension
    static final AwsStandIn aws = AwsStandIn.create();

    private StsClient sts;
    private IamClient iam;
    private Preflight preflight;

    @BeforeEach
    void start() {
        sts = aws.configure(StsClient.builder()).httpClientBuilder(Apache5HttpClient.builder()).build();
        iam = aws.configure(IamClient.builder()).httpClientBuilder(Apache5HttpClient.builder()).build();
        preflight = Preflight.builder().stsClient(sts).iamClient(iam).build();
    }

    @AfterEach
    void stop() {
        preflight.close();
        sts.close();
        iam.close();
    }

    @ParameterizedTest
    @EnumSource(Capability.class)
    void everyCapability_allAllowed_simulatesExactlyItsActions_andChangesNothing(Capability capability) {
        PreflightResult result = preflight.check(capability, ORDERS);

        assertThat(result.decision()).isEqualTo(Decision.ALLOWED);
        assertThat(result.message()).endsWith("all " + result.verdicts().size() + " actions allowed.");
        assertThat(result.verdicts()).extracting(ActionVerdict::action)
                .containsExactlyInAnyOrderElementsOf(Permissions.policy(capability, ORDERS).actions());
        assertThat(aws.iam().simulations()).allSatisfy(s -> assertThat(s.principalArn()).isEqualTo("arn:aws:iam::123456789012:user/developer"));
        assertThat(aws.calls()).allMatch(call -> call.action().equals("sts:GetCallerIdentity")
                || call.action().equals("iam:SimulatePrincipalPolicy"));
    }

    @ParameterizedTest
    @EnumSource(Capability.class)
    void everyCapability_oneDenied_isNamed_withThePolicyToAttach(Capability capability) {
        List<String> required = Permissions.policy(capability, ORDERS).actions().stream()
                .filter(action -> Permissions.optionalFor(capability, action).isEmpty()).toList();
        String denied = required.get(required.size() - 1);
        aws.iam().deny(denied);

        PreflightResult result = preflight.check(capability, ORDERS);

        assertThat(result.decision()).isEqualTo(Decision.DENIED);
        assertThat(result.denied()).containsExactly(denied);
        assertThat(result.message()).contains("denied " + denied + ". Nothing was changed.")
                .contains("iam-policy --for " + capability.cliName());
        assertThat(result.policy().actions()).contains(denied);
        assertThatThrownBy(result::orThrow).isInstanceOf(MissingPermissionsException.class)
                .satisfies(e -> assertThat(((MissingPermissionsException) e).reason()).isEqualTo(Reason.ACCESS_DENIED));
        assertThat(aws.iam().roles()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = Capability.class, names = {"DEPLOY_ECS", "ECS_UP", "EXPRESS", "DEPLOY_EKS"})
    void optionalEcrReadsDenied_passWithAWarningNamingThePlatformCheck(Capability capability) {
        aws.iam().deny("ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer");

        PreflightResult result = preflight.check(capability, ORDERS);

        assertThat(result.decision()).isEqualTo(Decision.ALLOWED);
        assertThat(result.hasDenied()).isFalse();
        assertThat(result.orThrow()).isSameAs(result);
        assertThat(result.denied()).isEmpty();
        assertThat(result.skipped()).containsExactly("ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer");
        assertThat(result.verdicts()).filteredOn(v -> v.decision() == Decision.DENIED).hasSize(2);
        assertThat(result.warnings()).singleElement().asString()
                .startsWith("optional ecr:BatchGetImage, ecr:GetDownloadUrlForLayer denied: the deploy-time platform check is skipped")
                .contains("iam-policy --for " + capability.cliName());
        assertThat(result.message()).contains("required actions allowed").contains("the deploy-time platform check is skipped")
                .doesNotContain("Nothing was changed");
        assertThat(result.policy().actions()).contains("ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer");
    }

    @Test
    void theSameEcrReadDeniedForPush_isARefusal() {
        aws.iam().deny("ecr:BatchGetImage");

        PreflightResult result = preflight.check(Capability.PUSH, ORDERS);

        assertThat(result.decision()).isEqualTo(Decision.DENIED);
        assertThat(result.denied()).containsExactly("ecr:BatchGetImage");
        assertThat(result.warnings()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Capability.class)
    void everyCapability_simulationDenied_saysSo_andGoesOn(Capability capability) {
        aws.fail("iam", "SimulatePrincipalPolicy", AwsFault.accessDenied("iam:SimulatePrincipalPolicy"), 10);

        PreflightResult result = preflight.check(capability, ORDERS);

        assertThat(result.decision()).isEqualTo(Decision.UNKNOWN);
        assertThat(result.orThrow()).isSameAs(result);
        assertThat(result.verdicts()).isNotEmpty().allMatch(v -> v.decision() == Decision.UNKNOWN);
        assertThat(result.message()).contains("iam:SimulatePrincipalPolicy is denied on arn:aws:iam::123456789012:user/developer")
                .contains("Going on: the pre-flight is advisory.");
        assertThat(aws.operations("iam")).containsExactly("SimulatePrincipalPolicy");
    }

    @Test
    void assumedRole_simulatesAsItsRole_withTheAccountFilledIn_andPassRoleToEcsTasks() {
        aws.account(aws.account().withCaller("arn:aws:sts::123456789012:assumed-role/deploy/ci-run-7"));

        PreflightResult result = preflight.check(Capability.DEPLOY_ECS, ORDERS);

        assertThat(result.callerArn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/deploy/ci-run-7");
        assertThat(result.simulatedArn()).contains("arn:aws:iam::123456789012:role/deploy");
        assertThat(aws.iam().simulations()).anySatisfy(s -> {
            assertThat(s.actions()).containsExactly("ecs:DescribeServices", "ecs:UpdateService");
            assertThat(s.resources()).containsExactly("arn:aws:ecs:eu-west-1:123456789012:service/prod/orders");
        });
        assertThat(aws.iam().simulations()).anySatisfy(s -> {
            assertThat(s.actions()).containsExactly("iam:PassRole");
            assertThat(s.resources()).containsExactly("arn:aws:iam::123456789012:role/ordersTaskRole");
            assertThat(s.context()).containsEntry("iam:PassedToService", List.of("ecs-tasks.amazonaws.com"));
        });
        assertThat(result.message()).contains("as arn:aws:sts::123456789012:assumed-role/deploy/ci-run-7 (as arn:aws:iam::123456789012:role/deploy)");
    }

    @Test
    void onlyTheActionsTheNextOperationUses_areSimulated() {
        preflight.check(Capability.ECS_UP, ORDERS, List.of("ecs:CreateCluster", "iam:PassRole"));

        assertThat(aws.iam().simulations()).flatExtracting(Simulation::actions).containsExactlyInAnyOrder("ecs:CreateCluster", "iam:PassRole");
        assertThatThrownBy(() -> preflight.check(Capability.PUSH, ORDERS, List.of("ecs:CreateCluster")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an action of push");
    }

    @Test
    void rootUser_isNotSimulated_andIsToldToUseAnIamIdentity() {
        aws.account(aws.account().withCaller("arn:aws:iam::123456789012:root"));

        PreflightResult result = preflight.check(Capability.PUSH, ORDERS);

        assertThat(result.decision()).isEqualTo(Decision.UNKNOWN);
        assertThat(result.message()).contains("root user").contains("IAM Identity Center");
        assertThat(aws.calls()).containsExactly(new AwsCall("sts", "GetCallerIdentity"));
    }

    @Test
    void callerUnknownToSts_failsWithTheStsError_notAVerdict() {
        aws.failNext("sts", "GetCallerIdentity", new AwsFault(403, "InvalidClientTokenId", "The security token included in the request is invalid."));

        assertThatThrownBy(() -> preflight.check(Capability.PUSH, ORDERS)).isInstanceOf(AwsException.class)
                .hasMessageContaining("AWS refused the credentials").hasMessageNotContaining(AwsStandIn.SECRET_ACCESS_KEY);
    }
}
