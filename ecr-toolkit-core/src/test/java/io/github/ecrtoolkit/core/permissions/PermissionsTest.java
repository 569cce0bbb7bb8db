package io.github.ecrtoolkit.core.permissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class PermissionsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final PermissionScope ORDERS = PermissionScope.builder().account("123456789012").region("eu-west-1")
            .repository("orders").cluster("prod").service("orders").role("ordersTaskRole").build();

    @Nested
    class Policies {

        @Test
        void push_isScopedToTheNamedRepository_butGetAuthorizationTokenIsOnAnyResource() throws Exception {
            JsonNode policy = MAPPER.readTree(Permissions.policy(Capability.PUSH, ORDERS).toJson());

            assertThat(policy.path("Version").asText()).isEqualTo("2012-10-17");
            JsonNode statements = policy.path("Statement");
            assertThat(statements).hasSize(2);
            assertThat(statements.get(0).path("Action").toString()).isEqualTo("[\"ecr:GetAuthorizationToken\"]");
            assertThat(statements.get(0).path("Resource").toString()).isEqualTo("[\"*\"]");
            assertThat(statements.get(1).path("Resource").toString())
                    .isEqualTo("[\"arn:aws:ecr:eu-west-1:123456789012:repository/orders\"]");
            assertThat(texts(statements.get(1).path("Action"))).contains("ecr:PutImage", "ecr:InitiateLayerUpload",
                    "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:BatchCheckLayerAvailability");
            assertThat(statements).allSatisfy(s -> assertThat(s.path("Effect").asText()).isEqualTo("Allow"));
        }

        @Test
        void deployEcs_passesOnlyTheNamedRoles_andOnlyToEcsTasks() throws Exception {
            JsonNode passRole = statementWith(Permissions.policy(Capability.DEPLOY_ECS, ORDERS), "iam:PassRole");

            assertThat(passRole.path("Resource").toString()).isEqualTo("[\"arn:aws:iam::123456789012:role/ordersTaskRole\"]");
            assertThat(passRole.path("Condition").path("StringEquals").path("iam:PassedToService").toString())
                    .isEqualTo("[\"ecs-tasks.amazonaws.com\"]");
            assertThat(statementWith(Permissions.policy(Capability.DEPLOY_ECS, ORDERS), "ecs:UpdateService")
                    .path("Resource").toString()).isEqualTo("[\"arn:aws:ecs:eu-west-1:123456789012:service/prod/orders\"]");
        }

        @Test
        void nothingNamed_givesWildcards_withinTheRightPartition() throws Exception {
            PermissionScope china = PermissionScope.builder().region("cn-north-1").build();

            JsonNode update = statementWith(Permissions.policy(Capability.DEPLOY_ECS, china), "ecs:UpdateService");

            assertThat(update.path("Resource").toString()).isEqualTo("[\"arn:aws-cn:ecs:cn-north-1:*:service/*/*\"]");
        }

        @Test
        void kmsActions_onlyWhenAKeyIsNamed() {
            assertThat(Permissions.policy(Capability.CREATE_REPOSITORY, ORDERS).actions()).noneMatch(a -> a.startsWith("kms:"));
            String key = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

            PolicyDocument withKey = Permissions.policy(Capability.CREATE_REPOSITORY, ORDERS.toBuilder().kmsKey(key).build());

            assertThat(withKey.actions()).contains("kms:CreateGrant", "kms:DescribeKey");
            assertThat(withKey.statements()).anySatisfy(s -> assertThat(s.resources()).containsExactly(key));
        }

        @ParameterizedTest
        @EnumSource(Capability.class)
        void everyCapability_hasAValidDocument_withUniqueStatementIds(Capability capability) throws Exception {
            PolicyDocument document = Permissions.policy(capability, ORDERS);
            JsonNode policy = MAPPER.readTree(document.toJson());

            List<String> sids = new ArrayList<>();
            policy.path("Statement").forEach(s -> sids.add(s.path("Sid").asText()));
            assertThat(sids).doesNotHaveDuplicates().allMatch(sid -> sid.matches("[A-Za-z0-9]+"));
            assertThat(document.actions()).containsExactlyInAnyOrderElementsOf(
                    Permissions.of(capability).stream().filter(p -> p.resource() != ResourceKind.KMS_KEY)
                            .map(Permission::action).distinct().toList());
        }
    }

    @Test
    void fromZero_needsEverythingTheDeployNeeds() {
        assertThat(Permissions.actions(Capability.ECS_UP)).containsAll(Permissions.actions(Capability.DEPLOY_ECS));
        assertThat(Permissions.actions(Capability.EKS_UP)).containsAll(Permissions.actions(Capability.DEPLOY_EKS));
    }

    @Test
    void firstNeeding_namesTheSmallestCapability() {
        assertThat(Permissions.firstNeeding("ecr:GetAuthorizationToken")).contains(Capability.PUSH);
        assertThat(Permissions.firstNeeding("ecs:UpdateService")).contains(Capability.DEPLOY_ECS);
        assertThat(Permissions.firstNeeding("ecs:CreateCluster")).contains(Capability.ECS_UP);
        assertThat(Permissions.firstNeeding("s3:GetObject")).isEmpty();
        assertThat(Permissions.covers(Capability.DEPLOY_EKS, "sts:GetCallerIdentity")).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = Capability.class, names = {"DEPLOY_ECS", "ECS_UP", "EXPRESS", "DEPLOY_EKS", "EKS_UP"})
    void deployingCapabilities_holdThePlatformChecksEcrReads_asOptional_inThePolicy(Capability capability) throws Exception {
        for (String action : List.of("ecr:GetAuthorizationToken", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer")) {
            assertThat(Permissions.optionalFor(capability, action)).as(action).contains("the deploy-time platform check");
            assertThat(Permissions.covers(capability, action)).isTrue();
            assertThat(Permissions.policy(capability, ORDERS).actions()).contains(action);
        }
        assertThat(statementWith(Permissions.policy(capability, ORDERS), "ecr:BatchGetImage").path("Resource").toString())
                .isEqualTo("[\"arn:aws:ecr:eu-west-1:123456789012:repository/orders\"]");
        assertThat(Permissions.optionalFor(capability, "ecs:DescribeServices")).isEmpty();
    }

    @Test
    void pushNeedsTheSameEcrReads_soTheyAreNotOptionalThere() {
        assertThat(Permissions.optionalFor(Capability.PUSH, "ecr:BatchGetImage")).isEmpty();
        assertThat(Permissions.of(Capability.PUSH)).noneMatch(Permission::isOptional);
    }

    @Test
    void anOptionalPermission_mustSayWhatIsSkippedWithoutIt() {
        assertThat(Permission.optional("ecr:BatchGetImage", ResourceKind.ECR_REPOSITORY, "a check").optionalFor()).contains("a check");
        assertThatThrownBy(() -> Permission.optional("ecr:BatchGetImage", ResourceKind.ECR_REPOSITORY, " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("say what is skipped");
    }

    @Test
    void capabilities_byCommandLineName_orEnumName() {
        assertThat(Capability.named("deploy-ecs")).isEqualTo(Capability.DEPLOY_ECS);
        assertThat(Capability.named("EKS_UP")).isEqualTo(Capability.EKS_UP);
        assertThatThrownBy(() -> Capability.named("deploy")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("push, create-repository, deploy-ecs, ecs-up, deploy-eks, eks-up, express");
    }

    @Test
    void scope_rejectsWhatIsNoAccountOrRegion() {
        assertThatThrownBy(() -> PermissionScope.builder().account("12345").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("12 digits");
        assertThatThrownBy(() -> PermissionScope.builder().region("Ireland").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eu-west-1");
    }

    private static JsonNode statementWith(PolicyDocument document, String action) throws Exception {
        for (JsonNode statement : MAPPER.readTree(document.toJson()).path("Statement")) {
            if (texts(statement.path("Action")).contains(action)) {
                return statement;
            }
        }
        throw new AssertionError(action + " is in no statement");
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
