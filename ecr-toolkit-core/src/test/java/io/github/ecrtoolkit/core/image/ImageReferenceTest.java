package io.github.ecrtoolkit.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {

    private static final String SHA = "sha256:" + "ab".repeat(32);

    @Nested
    class Parsing {
        @Test
        void parse_withHostPortPathTagAndDigest_keepsEveryPart() {
            ImageReference ref = ImageReference.parse("127.0.0.1:5000/team/orders:1.4.2@" + SHA);
            assertThat(ref.registry()).isEqualTo("127.0.0.1:5000");
            assertThat(ref.repository()).isEqualTo("team/orders");
            assertThat(ref.tag()).contains("1.4.2");
            assertThat(ref.digest()).contains(Digest.parse(SHA));
            assertThat(ref.toString()).isEqualTo("127.0.0.1:5000/team/orders:1.4.2@" + SHA);
        }

        @Test
        void parse_withoutHost_meansDockerHubLibrary() {
            ImageReference ref = ImageReference.parse("busybox");
            assertThat(ref.registry()).isEqualTo("docker.io");
            assertThat(ref.repository()).isEqualTo("library/busybox");
            assertThat(ref.tagOrDigest()).isEqualTo("latest");
        }

        @Test
        void parse_dockerHubHost_addsLibraryAndMapsTheLegacyHost() {
            assertThat(ImageReference.parse("docker.io/busybox").toString()).isEqualTo("docker.io/library/busybox");
            assertThat(ImageReference.parse("index.docker.io/team/app:1").toString()).isEqualTo("docker.io/team/app:1");
            assertThat(ImageReference.parse("index.docker.io/busybox").repository()).isEqualTo("library/busybox");
        }

        @Test
        void parse_imageIdOrUnknownDigestAlgorithm_isRefused() {
            assertThatThrownBy(() -> ImageReference.parse("ab".repeat(32))).isInstanceOf(InvalidReferenceException.class)
                    .hasMessageContaining("image ID");
            assertThat(ImageReference.parse("docker.io/" + "ab".repeat(32)).repository()).isEqualTo("library/" + "ab".repeat(32));
            assertThatThrownBy(() -> ImageReference.parse("a@md5:" + "f".repeat(32))).isInstanceOf(InvalidReferenceException.class)
                    .hasMessageContaining("sha256");
            assertThat(ImageReference.parse("a@sha512:" + "f".repeat(128)).digest()).isPresent();
        }

        @Test
        void parse_withDefaultRegistry_placesNameThere() {
            ImageReference ref = ImageReference.parse("orders:1", "reg.example.com");
            assertThat(ref.toString()).isEqualTo("reg.example.com/orders:1");
        }

        @Test
        void parse_localhostWithPort_isAHost() {
            assertThat(ImageReference.parse("localhost:5000/a").registry()).isEqualTo("localhost:5000");
            assertThat(ImageReference.parse("localhost:5000/a").isLoopbackRegistry()).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "Orders:1", "host.com/a//b", "a:-tag", "a@sha256:xyz", "a:" + "t", "reg.com/-a", "a b"})
        void parse_badReference_failsNamingThePart(String bad) {
            if (bad.equals("a:t")) {
                assertThat(ImageReference.parse(bad).tag()).contains("t");
                return;
            }
            assertThatThrownBy(() -> ImageReference.parse(bad)).isInstanceOf(InvalidReferenceException.class)
                    .hasMessageContaining(bad.isEmpty() ? "empty" : "'");
        }

        @Test
        void withTagAndDigest_replaceParts() {
            ImageReference ref = ImageReference.parse("reg.io/a:1");
            assertThat(ref.withTag("2").toString()).isEqualTo("reg.io/a:2");
            assertThat(ref.withDigest(Digest.parse(SHA)).toString()).isEqualTo("reg.io/a:1@" + SHA);
        }
    }

    @Nested
    class Ecr {
        @ParameterizedTest
        @ValueSource(strings = {
                "123456789012.dkr.ecr.eu-west-1.amazonaws.com",
                "123456789012.dkr-ecr.eu-west-1.on.aws",
                "123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com",
                "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn"})
        void ecrHosts_giveAccountAndRegion(String host) {
            EcrRegistryHost ecr = ImageReference.parse(host + "/orders:1").ecr().orElseThrow();
            assertThat(ecr.accountId()).isEqualTo("123456789012");
            assertThat(ecr.region()).isIn("eu-west-1", "us-gov-west-1", "cn-north-1");
        }

        @Test
        void flavours_areRecognised() {
            assertThat(EcrRegistryHost.parse("123456789012.dkr-ecr.eu-west-1.on.aws").orElseThrow().dualStack()).isTrue();
            assertThat(EcrRegistryHost.parse("123456789012.dkr.ecr-fips.us-east-1.amazonaws.com").orElseThrow().fips()).isTrue();
            assertThat(EcrRegistryHost.parse("registry.example.com")).isEmpty();
            assertThat(EcrRegistryHost.parse("12345.dkr.ecr.eu-west-1.amazonaws.com")).isEmpty();
        }

        @Test
        void hostFor_namesTheStandardEndpoint_inTheRegionsPartition() {
            assertThat(EcrRegistryHost.hostFor("123456789012", "eu-west-1"))
                    .isEqualTo("123456789012.dkr.ecr.eu-west-1.amazonaws.com");
            assertThat(EcrRegistryHost.hostFor("123456789012", "cn-north-1"))
                    .isEqualTo("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn");
            EcrRegistryHost parsed = EcrRegistryHost.parse(EcrRegistryHost.hostFor("123456789012", "cn-north-1")).orElseThrow();
            assertThat(parsed.accountId()).isEqualTo("123456789012");
            assertThat(parsed.region()).isEqualTo("cn-north-1");
        }
    }

    @Test
    void platform_parsesAndMatches() {
        assertThat(Platform.parse("linux/arm64/v8").toString()).isEqualTo("linux/arm64/v8");
        assertThat(Platform.parse("linux/arm64").matches(Platform.parse("linux/arm64/v8"))).isTrue();
        assertThatThrownBy(() -> Platform.parse("linux")).isInstanceOf(InvalidReferenceException.class);
    }
}
