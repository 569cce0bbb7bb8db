package io.github.ecrtoolkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.regions.Region;

class AwsRegionsTest {

    @Test
    void knownRegions_areAccepted_inEveryPartition() {
        assertThat(AwsRegions.parse("eu-west-1")).isEqualTo(Region.EU_WEST_1);
        assertThat(AwsRegions.parse("us-gov-west-1")).isEqualTo(Region.US_GOV_WEST_1);
        assertThat(AwsRegions.parse("cn-north-1")).isEqualTo(Region.CN_NORTH_1);
        assertThat(AwsRegions.check(Region.AP_SOUTHEAST_2)).isEqualTo(Region.AP_SOUTHEAST_2);
    }

    @Test
    void aTypo_isRefused_withTheClosestRegion() {
        assertThatThrownBy(() -> AwsRegions.parse("eu-wset-1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown AWS region 'eu-wset-1'").hasMessageContaining("did you mean eu-west-1?");
        assertThatThrownBy(() -> AwsRegions.check(Region.of("us-esat-1"))).hasMessageContaining("did you mean us-east-1?");
    }

    @Test
    void garbage_isRefused_sayingWhatToWrite() {
        assertThatThrownBy(() -> AwsRegions.parse("not a region!")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'not a region!'").hasMessageContaining("such as eu-west-1");
        assertThatThrownBy(() -> AwsRegions.parse(" ")).hasMessageContaining("no AWS region given");
        assertThatThrownBy(() -> AwsRegions.parse("EU-WEST-1")).hasMessageContaining("write eu-west-1");
    }

    @Test
    void aRegionNewerThanTheSdk_inAKnownGeography_isAccepted() {
        assertThat(AwsRegions.parse("eu-west-9").id()).isEqualTo("eu-west-9");
    }

    @Test
    void registryForAnUnknownRegion_isRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> Registry.ecr(Region.of("eu-wset-1"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("did you mean eu-west-1?");
    }
}
