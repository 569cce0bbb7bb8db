package io.github.ecrtoolkit.eks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;

import io.github.ecrtoolkit.testing.FakeClock;

class EksTokenProviderTest {

    static final String ACCESS_KEY = "AKIDEXAMPLE";
    static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    static final Instant NOW = Instant.parse("2026-11-24T23:30:00Z");

    static EksTokenProvider provider(Clock clock) {
        return EksTokenProvider.builder()
                .cluster("prod-cluster")
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .clock(clock)
                .build();
    }

    static String decode(EksToken token) {
        assertThat(token.value()).startsWith("k8s-aws-v1.");
        String encoded = token.value().substring("k8s-aws-v1.".length());
        assertThat(encoded).doesNotContain("=").doesNotContain("+").doesNotContain("/");
        return new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
    }

    /** Query parameters in order, values decoded once. */
    static Map<String, String> query(URI uri) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    @Nested
    class TokenUrl {

        @Test
        void token_decodesToPresignedGetCallerIdentityUrl() {
            EksToken token = provider(Clock.fixed(NOW, ZoneOffset.UTC)).token();
            URI uri = URI.create(decode(token));

            assertThat(uri.getScheme()).isEqualTo("https");
            assertThat(uri.getHost()).isEqualTo("sts.eu-west-1.amazonaws.com");
            assertThat(uri.getPath()).isEqualTo("/");
            Map<String, String> q = query(uri);
            assertThat(q).containsEntry("Action", "GetCallerIdentity")
                    .containsEntry("Version", "2011-06-15")
                    .containsEntry("X-Amz-Algorithm", "AWS4-HMAC-SHA256")
                    .containsEntry("X-Amz-Expires", "60")
                    .containsEntry("X-Amz-Date", "20261124T233000Z")
                    .containsEntry("X-Amz-Credential", ACCESS_KEY + "/20261124/eu-west-1/sts/aws4_request");
            assertThat(q.get("X-Amz-SignedHeaders")).contains("host;x-k8s-aws-id");
            assertThat(q.get("X-Amz-Signature")).matches("[0-9a-f]{64}");
        }

        @Test
        void token_isNotUrlEncodedTwice() {
            String url = decode(provider(Clock.fixed(NOW, ZoneOffset.UTC)).token());
            // the credential scope's slashes are encoded once (%2F), never as %252F
            assertThat(url).contains("X-Amz-Credential=AKIDEXAMPLE%2F20261124%2Feu-west-1%2Fsts%2Faws4_request")
                    .doesNotContain("%25");
        }

        @Test
        void token_signatureMatchesIndependentSigV4() throws Exception {
            String url = decode(provider(Clock.fixed(NOW, ZoneOffset.UTC)).token());
            URI uri = URI.create(url);
            Map<String, String> q = query(uri);

            assertThat(q.get("X-Amz-Signature"))
                    .isEqualTo(IndependentSigV4.presignedSignature(uri, Map.of("host", uri.getHost(),
                            "x-k8s-aws-id", "prod-cluster"), SECRET_KEY, "eu-west-1", "sts"));
        }

        @Test
        void token_withOtherCluster_hasOtherSignature() {
            Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
            EksToken a = provider(clock).token();
            EksToken b = EksTokenProvider.builder().cluster("other").region(Region.EU_WEST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                    .clock(clock).build().token();
            assertThat(query(URI.create(decode(a))).get("X-Amz-Signature"))
                    .isNotEqualTo(query(URI.create(decode(b))).get("X-Amz-Signature"));
        }

        @Test
        void token_withSessionCredentials_carriesSecurityToken() {
            EksToken token = EksTokenProvider.builder().cluster("c").region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsSessionCredentials.create(ACCESS_KEY, SECRET_KEY, "SESSION/TOKEN+1")))
                    .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build().token();
            URI uri = URI.create(decode(token));
            assertThat(uri.getHost()).isEqualTo("sts.us-east-1.amazonaws.com");
            assertThat(query(uri)).containsEntry("X-Amz-Security-Token", "SESSION/TOKEN+1");
        }

        @Test
        void token_inChinaRegion_usesPartitionDomain() {
            EksToken token = EksTokenProvider.builder().cluster("c").region(Region.CN_NORTH_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                    .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build().token();
            assertThat(URI.create(decode(token)).getHost()).isEqualTo("sts.cn-north-1.amazonaws.com.cn");
        }
    }

    @Nested
    class Caching {

        @Test
        void token_isReusedFor14MinutesThenRenewed() {
            FakeClock now = new FakeClock(NOW);
            EksTokenProvider tokens = provider(now);
            EksToken first = tokens.token();
            assertThat(first.expiration()).isEqualTo(NOW.plus(Duration.ofMinutes(14)));

            now.set(NOW.plus(Duration.ofMinutes(13)).plusSeconds(59));
            assertThat(tokens.token()).isSameAs(first);

            now.set(NOW.plus(Duration.ofMinutes(14)));
            EksToken second = tokens.token();
            assertThat(second).isNotSameAs(first);
            assertThat(second.signedAt()).isEqualTo(NOW.plus(Duration.ofMinutes(14)));
        }

        @Test
        void renew_afterRefusal_signsAgainOnce() {
            FakeClock now = new FakeClock(NOW);
            EksTokenProvider tokens = provider(now);
            EksToken refused = tokens.token();
            now.set(NOW.plusSeconds(1));

            EksToken renewed = tokens.renew(refused);
            assertThat(renewed).isNotSameAs(refused);
            assertThat(renewed.value()).isNotEqualTo(refused.value());
            // a second thread reporting the same refused token gets the renewed one
            assertThat(tokens.renew(refused)).isSameAs(renewed);
            assertThat(tokens.token()).isSameAs(renewed);
        }
    }

    @Nested
    class Secrets {

        @Test
        void toString_neverShowsTokenOrCredentials() {
            EksTokenProvider tokens = provider(Clock.fixed(NOW, ZoneOffset.UTC));
            EksToken token = tokens.token();
            assertThat(token.toString()).doesNotContain(token.value()).doesNotContain(token.value().substring(11, 30))
                    .contains("****");
            assertThat(tokens.toString()).doesNotContain(SECRET_KEY).doesNotContain(ACCESS_KEY);
        }

        @Test
        void token_withoutCredentials_failsClearlyWithoutSecrets() {
            EksTokenProvider tokens = EksTokenProvider.builder().cluster("prod").region(Region.EU_WEST_1)
                    .credentialsProvider(() -> {
                        throw SdkClientException.create("Unable to load credentials from any of the providers");
                    }).build();
            assertThatThrownBy(tokens::token).isInstanceOf(EksAccessException.class)
                    .hasMessageContaining("prod").hasMessageContaining("no usable AWS credentials");
        }
    }

    /** SigV4 query-string signing written from the AWS spec, independent of the SDK. */
    static final class IndependentSigV4 {

        static String presignedSignature(URI uri, Map<String, String> headers, String secretKey, String region,
                String service) throws Exception {
            Map<String, String> q = query(uri);
            String amzDate = q.get("X-Amz-Date");
            String date = amzDate.substring(0, 8);
            TreeMap<String, String> canonicalQuery = new TreeMap<>();
            q.forEach((k, v) -> {
                if (!k.equals("X-Amz-Signature")) {
                    canonicalQuery.put(encode(k), encode(v));
                }
            });
            StringBuilder query = new StringBuilder();
            canonicalQuery.forEach((k, v) -> query.append(query.length() == 0 ? "" : "&").append(k).append('=').append(v));
            TreeMap<String, String> sortedHeaders = new TreeMap<>(headers);
            StringBuilder canonicalHeaders = new StringBuilder();
            sortedHeaders.forEach((k, v) -> canonicalHeaders.append(k).append(':').append(v.trim()).append('\n'));
            String signedHeaders = String.join(";", sortedHeaders.keySet());
            assertThat(q.get("X-Amz-SignedHeaders")).isEqualTo(signedHeaders);

            String canonicalRequest = "GET\n" + uri.getRawPath() + "\n" + query + "\n" + canonicalHeaders + "\n"
                    + signedHeaders + "\n" + hex(sha256(new byte[0]));
            String scope = date + "/" + region + "/" + service + "/aws4_request";
            String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                    + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
            byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), date);
            key = hmac(key, region);
            key = hmac(key, service);
            key = hmac(key, "aws4_request");
            return hex(hmac(key, stringToSign));
        }

        /** RFC 3986 unreserved characters stay, everything else is %XX (upper case). */
        static String encode(String s) {
            StringBuilder out = new StringBuilder();
            for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
                char c = (char) (b & 0xff);
                if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                        || c == '.' || c == '~') {
                    out.append(c);
                } else {
                    out.append('%').append(String.format("%02X", b & 0xff));
                }
            }
            return out.toString();
        }

        static byte[] hmac(byte[] key, String data) throws Exception {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        }

        static byte[] sha256(byte[] data) throws Exception {
            return MessageDigest.getInstance("SHA-256").digest(data);
        }

        static String hex(byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        }
    }
}
