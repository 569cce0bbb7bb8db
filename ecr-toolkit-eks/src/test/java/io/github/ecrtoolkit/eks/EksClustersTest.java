package io.github.ecrtoolkit.eks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.ecrtoolkit.core.EcrToolkitException.Reason;
import io.github.ecrtoolkit.core.permissions.Capability;
import io.github.ecrtoolkit.core.deploy.DeployEvent;
import io.github.ecrtoolkit.testing.FakeClock;
import io.github.ecrtoolkit.testing.aws.AwsCall;
import io.github.ecrtoolkit.testing.aws.AwsStandIn;
import io.github.ecrtoolkit.testing.aws.PermissionsAssert;
import io.github.ecrtoolkit.testing.aws.eks.EksStandIn;
import io.github.ecrtoolkit.testing.aws.eks.HealthIssue;
import io.github.ecrtoolkit.testing.aws.iam.IamStandIn;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.iam.IamClient;

class EksClustersTest {

    @RegisterExtension
    static final AwsStandIn aws = AwsStandIn.create();

    static final String POLICY = "arn:aws:iam::aws:policy/";

    final FakeClock clock = new FakeClock(Instant.parse("2026-11-29T10:00:00Z"));
    final List<DeployEvent> heard = new CopyOnWriteArrayList<>();
    EksClient eks;
    IamClient iam;
    Ec2Client ec2;
    EksClusters clusters;
    /** Two of the default VPC's subnets, in different zones. */
    String subnetA;
    String subnetB;

    @BeforeEach
    void setUp() {
        aws.clock(clock);
        subnetA = aws.ec2().subnets().get(0).id();
        subnetB = aws.ec2().subnets().get(1).id();
        eks = aws.configure(EksClient.builder()).httpClientBuilder(Apache5HttpClient.builder()).build();
        iam = aws.configure(IamClient.builder()).httpClientBuilder(Apache5HttpClient.builder()).build();
        ec2 = aws.configure(Ec2Client.builder()).httpClientBuilder(Apache5HttpClient.builder()).build();
        clusters = clusters(Duration.ofMinutes(30));
    }

    EksClusters clusters(Duration timeout) {
        return EksClusters.builder().region(Region.of(aws.account().region())).credentialsProvider(aws.credentials())
                .eksClient(eks).iamClient(iam).ec2Client(ec2).clock(clock).sleeper(clock::advance).timeout(timeout)
                .listener(heard::add).build();
    }

    @AfterEach
    void tearDown() {
        clusters.close();
        eks.close();
        iam.close();
        ec2.close();
    }

    EksClusterSpec.Builder auto() {
        return EksClusterSpec.autoMode("shop").subnets(subnetA, subnetB);
    }

    EksClusterSpec.Builder workers() {
        return EksClusterSpec.builder("shop").managedNodeGroup("workers", "t3.medium", 1, 2, 4).subnets(subnetA, subnetB);
    }

    @Nested
    class Up {

        @Test
        void autoMode_fromNothing_makesRolesClusterAndAccessThenWaitsUntilActive() {
            EksCluster cluster = clusters.up(auto().version("1.33").build());

            assertThat(cluster.status()).isEqualTo("ACTIVE");
            assertThat(cluster.autoMode()).isTrue();
            assertThat(cluster.authenticationMode()).isEqualTo("API");
            assertThat(cluster.endpoint()).startsWith("https://");
            assertThat(cluster.certificateAuthority()).isNotBlank();
            assertThat(cluster.changes()).containsExactly("created IAM role shop-eks-cluster", "created IAM role shop-eks-node",
                    "created cluster shop in Auto Mode in subnets [" + subnetA + ", " + subnetB + "]");
            var stored = aws.eks().cluster("shop").orElseThrow();
            assertThat(stored.autoMode()).isTrue();
            assertThat(stored.version()).isEqualTo("1.33");
            assertThat(stored.nodeRoleArn()).contains("arn:aws:iam::123456789012:role/shop-eks-node");
            assertThat(stored.tags()).containsEntry("ecr-toolkit/created-by", "ecr-toolkit").containsEntry("ecr-toolkit/cluster", "shop");
            assertThat(aws.iam().role("shop-eks-cluster").orElseThrow()).satisfies(role -> {
                assertThat(role.trusts("eks.amazonaws.com")).isTrue();
                assertThat(role.assumeRolePolicy()).contains("sts:TagSession");
                assertThat(role.attachedPolicyArns()).containsExactlyInAnyOrder(POLICY + "AmazonEKSClusterPolicy",
                        POLICY + "AmazonEKSComputePolicy", POLICY + "AmazonEKSBlockStoragePolicy",
                        POLICY + "AmazonEKSLoadBalancingPolicy", POLICY + "AmazonEKSNetworkingPolicy");
                assertThat(role.tags()).containsEntry("ecr-toolkit/created-by", "ecr-toolkit");
            });
            assertThat(aws.iam().role("shop-eks-node").orElseThrow().attachedPolicyArns()).containsExactlyInAnyOrder(
                    POLICY + "AmazonEKSWorkerNodeMinimalPolicy", POLICY + "AmazonEC2ContainerRegistryPullOnly");
            assertThat(aws.eks().accessEntries("shop")).singleElement().satisfies(entry -> {
                assertThat(entry.principalArn()).isEqualTo(aws.account().callerArn());
                assertThat(entry.policyArns()).containsExactly(EksStandIn.CLUSTER_ADMIN_POLICY);
            });
            assertThat(heard).extracting(DeployEvent::message).containsSubsequence("created cluster shop in Auto Mode in "
                    + "subnets [" + subnetA + ", " + subnetB + "]", "cluster shop CREATING", "cluster shop ACTIVE");
            assertThat(cluster.events()).hasSameElementsAs(heard);
            assertThat(cluster.elapsed()).isPositive();
        }

        @Test
        void everyCallOfUp_isInTheEksUpPolicy() {
            clusters.up(auto().build());
            clusters.up(EksClusterSpec.builder("shop2").managedNodeGroup("workers", "t3.medium", 1, 1, 2)
                    .subnets(subnetA, subnetB).build());

            PermissionsAssert.coveredBy(Capability.EKS_UP, aws.calls());
        }

        @Test
        void secondRun_changesNothing() {
            clusters.up(workers().build());
            int callsAfterFirst = aws.calls().size();

            EksCluster again = clusters.up(workers().build());

            assertThat(again.changes()).isEmpty();
            assertThat(again.status()).isEqualTo("ACTIVE");
            assertThat(aws.calls().subList(callsAfterFirst, aws.calls().size())).extracting(AwsCall::operation)
                    .noneMatch(op -> op.startsWith("Create") || op.startsWith("Attach") || op.startsWith("Update"));
            assertThat(aws.eks().clusters()).hasSize(1);
        }

        @Test
        void managedNodeGroup_getsANodeRoleWithWorkerPoliciesAndWaitsUntilActive() {
            EksCluster cluster = clusters.up(workers().build());

            assertThat(cluster.autoMode()).isFalse();
            assertThat(cluster.nodeGroup("workers")).hasValueSatisfying(group -> {
                assertThat(group.status()).isEqualTo("ACTIVE");
                assertThat(group.instanceTypes()).containsExactly("t3.medium");
                assertThat(List.of(group.minSize(), group.desiredSize(), group.maxSize())).containsExactly(1, 2, 4);
            });
            assertThat(aws.iam().role("shop-eks-cluster").orElseThrow().attachedPolicyArns())
                    .containsExactly(POLICY + "AmazonEKSClusterPolicy");
            assertThat(aws.iam().role("shop-eks-node").orElseThrow().attachedPolicyArns()).containsExactlyInAnyOrder(
                    POLICY + "AmazonEKSWorkerNodePolicy", POLICY + "AmazonEC2ContainerRegistryReadOnly",
                    POLICY + "AmazonEKS_CNI_Policy");
            assertThat(aws.eks().cluster("shop").orElseThrow().autoMode()).isFalse();
            assertThat(aws.eks().nodegroup("shop", "workers").orElseThrow().subnets()).containsExactly(subnetA, subnetB);
            assertThat(heard).extracting(DeployEvent::message).containsSubsequence("cluster shop ACTIVE",
                    "created node group workers (t3.medium, 1..4, desired 2)", "node group workers CREATING",
                    "node group workers ACTIVE");
        }

        @Test
        void aNewRoleThatEksCannotAssumeYet_isRetriedUntilIamHasPropagatedIt() {
            aws.iam().propagationDelay(Duration.ofSeconds(12));

            EksCluster cluster = clusters.up(auto().build());

            assertThat(cluster.status()).isEqualTo("ACTIVE");
            assertThat(aws.operations("eks").stream().filter("CreateCluster"::equals)).hasSize(4);
        }

        @Test
        void failedCluster_isReportedWithEksReasons() {
            aws.eks().failNextCluster(new HealthIssue("Ec2SubnetInvalidConfiguration", "subnet-0a has no free IP addresses",
                    List.of("subnet-0a")));

            assertThatThrownBy(() -> clusters.up(auto().build()))
                    .isInstanceOfSatisfying(EksClusterFailedException.class, e -> {
                        assertThat(e.status()).isEqualTo("FAILED");
                        assertThat(e.nodeGroup()).isEmpty();
                        assertThat(e.issues()).containsExactly(new EksHealthIssue("Ec2SubnetInvalidConfiguration",
                                "subnet-0a has no free IP addresses", List.of("subnet-0a")));
                        assertThat(e.getMessage()).contains("FAILED", "subnet-0a has no free IP addresses", "run up again");
                        assertThat(e.reason()).isEqualTo(Reason.FAILED);
                    });
        }

        @Test
        void degradedNodeGroup_isReportedWithEksReasons() {
            aws.eks().degradeNextNodegroup("DEGRADED", new HealthIssue("AsgInstanceLaunchFailures",
                    "Could not launch On-Demand Instances. InsufficientInstanceCapacity", List.of("eks-workers-asg")));

            assertThatThrownBy(() -> clusters.up(workers().build()))
                    .isInstanceOfSatisfying(EksClusterFailedException.class, e -> {
                        assertThat(e.status()).isEqualTo("DEGRADED");
                        assertThat(e.nodeGroup()).contains("workers");
                        assertThat(e.issues()).extracting(EksHealthIssue::code).containsExactly("AsgInstanceLaunchFailures");
                        assertThat(e.getMessage()).contains("node group 'workers'", "InsufficientInstanceCapacity");
                    });
        }

        @Test
        void creationSlowerThanTheTimeLimit_saysItIsStillCreating() {
            aws.eks().pollsToSettle(1000);
            clusters = clusters(Duration.ofMinutes(2));

            assertThatThrownBy(() -> clusters.up(auto().build()))
                    .isInstanceOfSatisfying(EksClusterNotReadyException.class, e -> {
                        assertThat(e.status()).isEqualTo("CREATING");
                        assertThat(e.isRetryable()).isTrue();
                    });
        }

        @Test
        void aForeignRoleWithoutThePoliciesEksNeeds_isNotChanged() {
            aws.iam().givenRole("shop-eks-cluster", "eks.amazonaws.com");

            assertThatThrownBy(() -> clusters.up(workers().build()))
                    .isInstanceOfSatisfying(EksException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.CONFLICT);
                        assertThat(e.getMessage()).contains("shop-eks-cluster", "AmazonEKSClusterPolicy", "clusterRoleName");
                    });
            assertThat(aws.iam().role("shop-eks-cluster").orElseThrow().attachedPolicyArns()).isEmpty();
            assertThat(aws.eks().clusters()).isEmpty();
        }

        @Test
        void anExistingRoleWithThePolicies_isUsedAsItIs() {
            aws.iam().givenRole("platform-eks", "eks.amazonaws.com", POLICY + "AmazonEKSClusterPolicy");

            EksCluster cluster = clusters.up(workers().clusterRoleName("platform-eks").build());

            assertThat(cluster.changes()).noneMatch(c -> c.contains("platform-eks"));
            assertThat(aws.eks().cluster("shop").orElseThrow().roleArn()).endsWith(":role/platform-eks");
        }

        @Test
        void deniedCall_namesTheIamAction() {
            aws.failNext("iam", "CreateRole", io.github.ecrtoolkit.testing.aws.AwsFault.accessDenied("iam:CreateRole"));

            assertThatThrownBy(() -> clusters.up(auto().build()))
                    .isInstanceOfSatisfying(EksAccessException.class, e -> {
                        assertThat(e.awsService()).contains("IAM");
                        assertThat(e.getMessage()).contains("iam:CreateRole");
                    });
        }

        @Test
        void plan_saysWhatUpWouldDoWithReadOnlyCalls() {
            List<String> plan = clusters.plan(workers().version("1.33").build());

            assertThat(plan).containsExactly(
                    "create IAM role shop-eks-cluster with [AmazonEKSClusterPolicy]",
                    "create cluster shop in subnets [" + subnetA + ", " + subnetB + "], Kubernetes 1.33",
                    "create IAM role shop-eks-node with [AmazonEKSWorkerNodePolicy, AmazonEC2ContainerRegistryReadOnly, "
                            + "AmazonEKS_CNI_Policy]",
                    "create node group workers (t3.medium, 1..4, desired 2)");
            assertThat(aws.calls()).extracting(AwsCall::operation)
                    .allMatch(op -> op.startsWith("Get") || op.startsWith("Describe") || op.startsWith("List"));
            clusters.up(workers().build());
            assertThat(clusters.plan(workers().build())).isEmpty();
        }

        @Test
        void oneSubnet_isRefusedBeforeAnyCall() {
            assertThatThrownBy(() -> EksClusterSpec.autoMode("shop").subnets("subnet-0a").build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two Availability Zones");
        }
    }

    @Nested
    class DefaultVpc {

        @Test
        void noSubnetsGiven_takesTheDefaultVpcsDefaultSubnetsOnePerZone() {
            List<String> defaults = aws.ec2().subnets().stream().map(s -> s.id()).toList();

            EksCluster cluster = clusters.up(EksClusterSpec.autoMode("shop").build());

            assertThat(cluster.status()).isEqualTo("ACTIVE");
            assertThat(aws.eks().cluster("shop").orElseThrow().subnetIds()).containsExactlyInAnyOrderElementsOf(defaults)
                    .hasSize(3);
            assertThat(aws.operations("ec2")).containsExactly("DescribeVpcs", "DescribeSubnets");
        }

        @Test
        void noDefaultVpc_saysToPassSubnets() {
            aws.ec2().removeDefaultVpc();

            assertThatThrownBy(() -> clusters.up(EksClusterSpec.autoMode("shop").build()))
                    .isInstanceOfSatisfying(EksException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
                        assertThat(e.getMessage()).contains("no default VPC", ".subnets(");
                    });
            assertThat(aws.eks().clusters()).isEmpty();
        }

        @Test
        void aDefaultVpcInOneZone_isRefusedBeforeTheClusterIsAsked() {
            aws.ec2().removeDefaultVpc();
            aws.ec2().givenVpc("vpc-0single", "172.31.0.0/16", true);
            aws.ec2().givenSubnet("vpc-0single", aws.account().region() + "a", true);

            assertThatThrownBy(() -> clusters.up(EksClusterSpec.autoMode("shop").build()))
                    .isInstanceOfSatisfying(EksException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT);
                        assertThat(e.getMessage()).contains("at least two Availability Zones", "vpc-0single");
                    });
            assertThat(aws.operations("eks")).doesNotContain("CreateCluster");
        }

        @Test
        void givenSubnetsInOneZone_areRefusedByEks() {
            String sameZone = aws.ec2().givenSubnet(io.github.ecrtoolkit.testing.aws.ec2.Ec2StandIn.DEFAULT_VPC_ID,
                    aws.ec2().subnets().get(0).availabilityZone(), false).id();

            assertThatThrownBy(() -> clusters.up(EksClusterSpec.autoMode("shop").subnets(subnetA, sameZone).build()))
                    .isInstanceOfSatisfying(EksException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT);
                        assertThat(e.getMessage()).contains("two different AZs");
                    });
        }
    }

    @Nested
    class ScaleAndDelete {

        @Test
        void scaleNodeGroup_setsDesiredSizeAndWaitsUntilActive() {
            clusters.up(workers().build());

            EksNodeGroup group = clusters.scaleNodeGroup("shop", "workers", 6);

            assertThat(group.status()).isEqualTo("ACTIVE");
            assertThat(List.of(group.minSize(), group.desiredSize(), group.maxSize())).containsExactly(1, 6, 6);
            assertThat(aws.eks().nodegroup("shop", "workers").orElseThrow().desiredSize()).isEqualTo(6);
            assertThat(heard).extracting(DeployEvent::message).containsSubsequence("scaling node group workers from 2 to 6 nodes",
                    "node group workers UPDATING", "node group workers ACTIVE");
        }

        @Test
        void deleteCluster_removesNodeGroupsThenClusterThenTheRolesUpMade() {
            aws.iam().givenRole("someone-elses", "eks.amazonaws.com", IamStandIn.ECS_TASK_EXECUTION_POLICY);
            clusters.up(workers().build());

            List<String> removed = clusters.deleteCluster("shop");

            assertThat(removed).containsExactly("deleted node group workers", "deleted cluster shop",
                    "deleted IAM role shop-eks-cluster", "deleted IAM role shop-eks-node");
            assertThat(aws.eks().clusters()).isEmpty();
            assertThat(aws.iam().roles()).extracting(r -> r.name()).containsExactly("someone-elses");
            List<String> eksCalls = aws.operations("eks");
            assertThat(eksCalls.indexOf("DeleteNodegroup")).isLessThan(eksCalls.indexOf("DeleteCluster"));
            assertThat(clusters.deleteCluster("shop")).isEmpty();
        }

        @Test
        void deleteCluster_leavesAClusterUpDidNotMake() {
            aws.iam().givenRole("platform-eks", "eks.amazonaws.com", POLICY + "AmazonEKSClusterPolicy");
            aws.eks().givenActiveCluster("platform", "arn:aws:iam::123456789012:role/platform-eks", List.of("subnet-0a", "subnet-0b"));

            assertThatThrownBy(() -> clusters.deleteCluster("platform"))
                    .isInstanceOfSatisfying(EksException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.CONFLICT);
                        assertThat(e.getMessage()).contains("not created by ecr-toolkit");
                    });
            assertThat(aws.eks().cluster("platform")).isPresent();
            assertThat(aws.iam().role("platform-eks")).isPresent();
        }
    }
}
