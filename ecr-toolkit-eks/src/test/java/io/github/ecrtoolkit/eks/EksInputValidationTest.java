package io.github.ecrtoolkit.eks;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.regions.Region;

/** Cluster names, regions and images are checked before any call, with a message that says what to write. */
class EksInputValidationTest {

    @Test
    void emptyClusterName_isRefused() {
        assertThatThrownBy(() -> EksTokenProvider.create("", Region.EU_WEST_1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no EKS cluster name given");
    }

    @Test
    void clusterArn_isRefused_namingTheNameToWrite() {
        assertThatThrownBy(() -> EksDeployer.builder().cluster("arn:aws:eks:eu-west-1:123456789012:cluster/prod"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is a cluster ARN")
                .hasMessageContaining(": prod");
    }

    @Test
    void malformedRegion_isRefused_beforeATokenIsSigned() {
        assertThatThrownBy(() -> EksTokenProvider.create("prod", Region.of("not a region!")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown AWS region 'not a region!'");
        assertThatThrownBy(() -> EksDeployer.builder().region(Region.of("eu-wset-1")))
                .hasMessageContaining("did you mean eu-west-1?");
    }
}
