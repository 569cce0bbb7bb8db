package io.github.ecrtoolkit.testing.aws.eks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.ecrtoolkit.testing.aws.AwsCall;
import io.github.ecrtoolkit.testing.aws.AwsStandIn;
import io.github.ecrtoolkit.testing.aws.ec2.Ec2StandIn;

import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.ClusterStatus;
import software.amazon.awssdk.services.eks.model.EksException;
import software.amazon.awssdk.services.eks.model.InvalidParameterException;
import software.amazon.awssdk.services.eks.model.NodegroupStatus;
import software.amazon.awssdk.services.eks.model.ResourceInUseException;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;

class EksStandInTest {

    @RegisterExtension
    static final AwsStandIn aws = AwsStandIn.create();

    static final String ROLE = "arn:aws:iam::123456789012:role/cluster";
    static final String NODE_ROLE = "arn:aws:iam::123456789012:role/node";

    EksClient eks;
    String subnetA;
    String subnetB;

    @BeforeEach
    void setUp() {
        eks = aws.configure(EksClient.builder()).httpClientBuilder(Apache5HttpClient.builder()).build();
        aws.iam().givenRole("cluster", "eks.amazonaws.com", "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy");
        aws.iam().givenRole("node", "ec2.amazonaws.com");
        subnetA = aws.ec2().subnets().get(0).id();   // the default VPC's, in two zones
        subnetB = aws.ec2().subnets().get(1).id();
    }

    @AfterEach
    void tearDown() {
        eks.close();
    }

    void createCluster() {
        eks.createCluster(r -> r.name("shop").roleArn(ROLE).resourcesVpcConfig(v -> v.subnetIds(subnetA, subnetB))
                .accessConfig(a -> a.authenticationMode("API").bootstrapClusterCreatorAdminPermissions(true)));
    }

    @Test
    void aClusterIsCreatingForSomeDescribesThenActiveWithEndpointAndCa() {
        aws.eks().pollsToSettle(3);
        createCluster();

        assertThat(eks.describeCluster(r -> r.name("shop")).cluster().status()).isEqualTo(ClusterStatus.CREATING);
        assertThat(eks.describeCluster(r -> r.name("shop")).cluster().status()).isEqualTo(ClusterStatus.CREATING);
        var active = eks.describeCluster(r -> r.name("shop")).cluster();

        assertThat(active.status()).isEqualTo(ClusterStatus.ACTIVE);
        assertThat(active.endpoint()).startsWith("https://").endsWith(".eu-west-1.eks.amazonaws.com");
        assertThat(active.certificateAuthority().data()).isNotBlank();
        assertThat(active.accessConfig().authenticationModeAsString()).isEqualTo("API");
        assertThat(aws.calls()).contains(new AwsCall("eks", "CreateCluster"), new AwsCall("eks", "DescribeCluster"));
    }

    @Test
    void theCreatorGetsAnAccessEntry_anAssumedRoleAsItsRole() {
        aws.account(aws.account().withCaller("arn:aws:sts::123456789012:assumed-role/deploy/ci"));
        createCluster();

        assertThat(eks.listAccessEntries(r -> r.clusterName("shop")).accessEntries())
                .containsExactly("arn:aws:iam::123456789012:role/deploy");
        assertThat(eks.describeAccessEntry(r -> r.clusterName("shop").principalArn("arn:aws:iam::123456789012:role/deploy"))
                .accessEntry().type()).isEqualTo("STANDARD");
        eks.createAccessEntry(r -> r.clusterName("shop").principalArn("arn:aws:iam::123456789012:role/ops"));
        eks.associateAccessPolicy(r -> r.clusterName("shop").principalArn("arn:aws:iam::123456789012:role/ops")
                .policyArn("arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy").accessScope(s -> s.type("cluster")));
        assertThat(aws.eks().accessEntries("shop")).filteredOn(e -> e.principalArn().endsWith("role/ops")).singleElement()
                .satisfies(e -> assertThat(e.policyArns()).containsExactly("arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy"));
    }

    @Test
    void createClusterChecksWhatEksChecks() {
        assertThatThrownBy(() -> eks.createCluster(r -> r.name("shop").roleArn("arn:aws:iam::123456789012:role/missing")
                .resourcesVpcConfig(v -> v.subnetIds(subnetA, subnetB))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("does not exist or is not trusted");
        assertThatThrownBy(() -> eks.createCluster(r -> r.name("shop").roleArn(ROLE).resourcesVpcConfig(v -> v.subnetIds(subnetA))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("two different AZs");
        String sameZone = aws.ec2().givenSubnet(Ec2StandIn.DEFAULT_VPC_ID, aws.ec2().subnets().get(0).availabilityZone(), false).id();
        assertThatThrownBy(() -> eks.createCluster(r -> r.name("shop").roleArn(ROLE).resourcesVpcConfig(v -> v.subnetIds(subnetA, sameZone))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("two different AZs");
        assertThatThrownBy(() -> eks.createCluster(r -> r.name("shop").roleArn(ROLE)
                .resourcesVpcConfig(v -> v.subnetIds(subnetA, "subnet-0nothere"))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("subnet-0nothere' does not exist");
        assertThatThrownBy(() -> eks.createCluster(r -> r.name("shop").roleArn(ROLE)
                .resourcesVpcConfig(v -> v.subnetIds(subnetA, subnetB))
                .computeConfig(c -> c.enabled(true).nodePools("general-purpose").nodeRoleArn(NODE_ROLE))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("same value");
        assertThatThrownBy(() -> eks.createCluster(r -> r.name("shop").roleArn(ROLE)
                .resourcesVpcConfig(v -> v.subnetIds(subnetA, subnetB))
                .computeConfig(c -> c.enabled(true).nodePools("general-purpose").nodeRoleArn(NODE_ROLE))
                .kubernetesNetworkConfig(k -> k.elasticLoadBalancing(e -> e.enabled(true)))
                .storageConfig(s -> s.blockStorage(b -> b.enabled(true)))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("AmazonEKSComputePolicy");
        createCluster();
        assertThatThrownBy(this::createCluster).isInstanceOf(ResourceInUseException.class);
    }

    @Test
    void nodeGroupsBlockDeletionUntilTheyAreGone_andCanBeScriptedDegraded() {
        aws.eks().pollsToSettle(1).degradeNextNodegroup("DEGRADED", new HealthIssue("AsgInstanceLaunchFailures",
                "Could not launch On-Demand Instances", List.of("eks-asg")));
        createCluster();
        eks.describeCluster(r -> r.name("shop"));
        eks.createNodegroup(r -> r.clusterName("shop").nodegroupName("workers").nodeRole(NODE_ROLE)
                .subnets(subnetA, subnetB).instanceTypes("t3.medium").scalingConfig(s -> s.minSize(1).desiredSize(2).maxSize(3)));

        var group = eks.describeNodegroup(r -> r.clusterName("shop").nodegroupName("workers")).nodegroup();
        assertThat(group.status()).isEqualTo(NodegroupStatus.DEGRADED);
        assertThat(group.health().issues()).singleElement().satisfies(i -> {
            assertThat(i.codeAsString()).isEqualTo("AsgInstanceLaunchFailures");
            assertThat(i.resourceIds()).containsExactly("eks-asg");
        });
        assertThatThrownBy(() -> eks.deleteCluster(r -> r.name("shop"))).isInstanceOf(ResourceInUseException.class);

        eks.deleteNodegroup(r -> r.clusterName("shop").nodegroupName("workers"));
        assertThatThrownBy(() -> eks.describeNodegroup(r -> r.clusterName("shop").nodegroupName("workers")))
                .isInstanceOf(ResourceNotFoundException.class);
        eks.deleteCluster(r -> r.name("shop"));
        assertThatThrownBy(() -> eks.describeCluster(r -> r.name("shop"))).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void scalingANodeGroupPassesThroughUpdating() {
        aws.eks().pollsToSettle(1);
        createCluster();
        eks.describeCluster(r -> r.name("shop"));
        eks.createNodegroup(r -> r.clusterName("shop").nodegroupName("workers").nodeRole(NODE_ROLE)
                .subnets(subnetA, subnetB).scalingConfig(s -> s.minSize(1).desiredSize(1).maxSize(2)));
        eks.describeNodegroup(r -> r.clusterName("shop").nodegroupName("workers"));

        var update = eks.updateNodegroupConfig(r -> r.clusterName("shop").nodegroupName("workers")
                .scalingConfig(s -> s.desiredSize(2))).update();

        assertThat(update.statusAsString()).isEqualTo("InProgress");
        assertThat(aws.eks().nodegroup("shop", "workers").orElseThrow().status()).isEqualTo("UPDATING");
        assertThat(eks.describeNodegroup(r -> r.clusterName("shop").nodegroupName("workers")).nodegroup().scalingConfig()
                .desiredSize()).isEqualTo(2);
        assertThat(aws.eks().nodegroup("shop", "workers").orElseThrow().status()).isEqualTo("ACTIVE");
        assertThatThrownBy(() -> eks.updateNodegroupConfig(r -> r.clusterName("shop").nodegroupName("workers")
                .scalingConfig(s -> s.desiredSize(5)))).isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void anEksOperationNotFaked_failsTheTest() {
        assertThatThrownBy(() -> eks.listAddons(r -> r.clusterName("shop"))).isInstanceOf(EksException.class);

        assertThat(aws.unfaked()).extracting(AwsCall::service).containsExactly("eks");
        aws.reset();
    }
}
