package io.github.ecrtoolkit.eks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.regions.Region;

class EksWorkloadTest {

    @Test
    void displayName_namesNamespaceKindAndName() {
        assertThat(EksWorkload.deployment("shop", "web").displayName()).isEqualTo("eks:shop/deployment/web");
        assertThat(EksWorkload.statefulSet("data", "db-0.x").displayName()).isEqualTo("eks:data/statefulset/db-0.x");
        assertThat(EksWorkload.daemonSet("kube-system", "agent").displayName())
                .isEqualTo("eks:kube-system/daemonset/agent");
    }

    @Test
    void invalidNames_areRefusedWithTheRule() {
        assertThatThrownBy(() -> EksWorkload.deployment("Shop", "web"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("namespace 'Shop'");
        assertThatThrownBy(() -> EksWorkload.deployment("shop", "web_1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name 'web_1'");
        assertThatThrownBy(() -> EksWorkload.deployment("shop", "web").withManifest(" "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withManifest_keepsIdentityAndAddsManifest() {
        EksWorkload w = EksWorkload.deployment("shop", "web").withManifest("kind: Deployment");
        assertThat(w.manifest()).contains("kind: Deployment");
        assertThat(w).isNotEqualTo(EksWorkload.deployment("shop", "web"));
        assertThat(w.toString()).isEqualTo("eks:shop/deployment/web (with manifest)");
    }

    @Test
    void clusterNames_areValidatedBeforeAnyCall() {
        assertThatThrownBy(() -> EksDeployer.builder().cluster("prod cluster"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid EKS cluster name");
        assertThatThrownBy(() -> EksTokenProvider.create("", Region.EU_WEST_1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EksDeployer.builder().build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name the EKS cluster");
    }
}
