package io.github.ecrtoolkit.eks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.ecrtoolkit.testing.ConformanceData;
import io.github.ecrtoolkit.testing.ConformanceData.Vector;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.regions.Region;

/**
 * {@link StsTokenPresigner} against aws-iam-authenticator's {@code pkg/token}: the golden token for
 * fixed credentials and time, the STS domain of each partition, and the verifier's rules (prefix,
 * size, allowed and single-valued query parameters, signed cluster header, expiry, date format)
 * applied to the tokens the project makes.
 */
class EksTokenConformanceTest {

    private static final String FILE = "aws-iam-authenticator-token.jsonl";

    /** A region of each partition, to ask the presigner for that partition's STS host. */
    private static final Map<String, String> REGION_OF_PARTITION = Map.of("aws", "us-east-1", "aws-cn", "cn-north-1",
            "aws-us-gov", "us-gov-west-1", "aws-iso", "us-iso-east-1", "aws-iso-b", "us-isob-east-1", "aws-iso-e",
            "eu-isoe-west-1", "aws-iso-f", "us-isof-south-1", "aws-eusc", "eusc-de-east-1");

    private static final String VERIFIER_ONLY = "a check of the verifier on a crafted token: the project makes tokens and "
            + "never verifies one; its own tokens are held to the same rules by the 'token.go constants' vector";

    @TestFactory
    Stream<DynamicTest> awsIamAuthenticator() {
        List<Vector> vectors = ConformanceData.jsonLines(FILE);
        Map<String, String> exclusions = new HashMap<>();
        vectors.stream().filter(v -> v.text("test").equals("TestVerifyTokenPreSTSValidations"))
                .forEach(v -> exclusions.put(key(v), VERIFIER_ONLY));
        Vector rules = vectors.stream().filter(v -> v.text("test").equals("token.go constants")).findFirst().orElseThrow();
        return ConformanceData.run("aws-iam-authenticator token", vectors, EksTokenConformanceTest::key, exclusions, v -> {
            switch (v.text("test")) {
                case "TestGetWithSTS" -> {
                    String token = presign(v.text("cluster"), Region.of(v.text("region")), v.text("accessKeyIdBase64"),
                            v.text("secretKeyBase64"), Instant.ofEpochSecond(v.json().get("nowUnix").asLong()));
                    assertThat(token).isEqualTo(v.text("token"));
                }
                case "endpoints.GetSTSPartitionDomain" -> {
                    Region region = Region.of(REGION_OF_PARTITION.get(v.text("partition")));
                    assertThat(StsTokenPresigner.stsHost(region)).isEqualTo("sts." + region.id() + "." + v.text("domain"));
                }
                case "token.go constants" -> {
                    for (String region : REGION_OF_PARTITION.values()) {
                        verify(rules.json(), presign("orders-prod", Region.of(region), "QUtJQUVYQU1QTEU=", "c2VjcmV0",
                                Instant.now()), region);
                    }
                }
                default -> throw new AssertionError("no check for " + v.text("test") + ": add one or list it as excluded");
            }
        });
    }

    private static String key(Vector v) {
        return v.name() + " " + v.json().path("token").toString() + v.json().path("partition").asText("");
    }

    private static String presign(String cluster, Region region, String idBase64, String secretBase64, Instant now) {
        AwsBasicCredentials credentials = AwsBasicCredentials.create(decode(idBase64), decode(secretBase64));
        return StsTokenPresigner.presign(cluster, region, credentials, Clock.fixed(now, ZoneOffset.UTC), Duration.ofMinutes(14))
                .value();
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    /** The verifier's checks before it calls STS, from its constants. */
    private static void verify(JsonNode rules, String token, String region) {
        String prefix = rules.get("v1Prefix").asText();
        assertThat(token.length()).isLessThanOrEqualTo(rules.get("maxTokenLenBytes").asInt());
        assertThat(token).startsWith(prefix);
        URI url = URI.create(new String(Base64.getUrlDecoder().decode(token.substring(prefix.length())), StandardCharsets.UTF_8));
        assertThat(url.getScheme()).isEqualTo("https");
        assertThat(url.getHost()).startsWith("sts." + region + ".");
        assertThat(url.getPath()).isEqualTo("/");
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.computeIfAbsent(kv[0].toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        List<String> allowed = new ArrayList<>();
        rules.get("parameterWhitelist").forEach(p -> allowed.add(p.asText()));
        assertThat(allowed).containsAll(query.keySet());
        assertThat(query.values()).allSatisfy(values -> assertThat(values).hasSize(1));
        assertThat(query.get("action")).containsExactly("GetCallerIdentity");
        assertThat(List.of(query.get("x-amz-signedheaders").get(0).split(";"))).contains(rules.get("clusterIDHeader").asText());
        assertThat(Integer.parseInt(query.get("x-amz-expires").get(0))).isBetween(1, rules.get("maxExpiresSeconds").asInt());
        // Go's layout 20060102T150405Z
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).parse(query.get("x-amz-date").get(0));
    }
}
