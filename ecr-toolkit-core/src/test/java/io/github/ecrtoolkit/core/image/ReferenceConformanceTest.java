package io.github.ecrtoolkit.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import io.github.ecrtoolkit.testing.ConformanceData;
import io.github.ecrtoolkit.testing.ConformanceData.Vector;

/**
 * {@link ImageReference} against distribution/reference's own test tables. The project parses
 * references the way {@code docker} does ({@code ParseNormalizedNamed}: no host means Docker Hub,
 * {@code library/} for single names), so vectors written for the unnormalised grammar are compared
 * in their normalised form.
 */
class ReferenceConformanceTest {

    private static final String FILE = "distribution-reference.jsonl";

    /** Vectors the project deliberately does not follow, by "test input", with the reason. */
    private static final Map<String, String> EXCLUSIONS = Map.of(
            "TestFullNameRegexp " + "a/".repeat(128) + "a",
            "regexp-only vector: the pattern has no length limit, but this 257-character path is over 255, which "
                    + "ParseNormalizedNamed refuses (ErrNameTooLong), as the project does",
            "TestFullNameRegexp foo_bar.com:8080",
            "regexp for names without tag; as a whole reference this is name foo_bar.com with tag 8080, which "
                    + "TestReferenceParse expects and the project gives",
            "TestReferenceParse validname@sha512:" + "f".repeat(128),
            "holds only because the reference package's test binary links no SHA-512; docker links it and resolves "
                    + "sha512 digests (registered in the OCI image spec), as the project does",
            "TestParseAnyReference dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c",
            "a bare image ID names an image in a local engine, not in a registry; the project has no such reference "
                    + "and refuses it, as ParseNormalizedNamed does",
            "TestParseAnyReference sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c",
            "a bare digest names an image in a local engine, not in a registry; the project has no such reference");

    @TestFactory
    Stream<DynamicTest> distributionReference() {
        return ConformanceData.run("distribution/reference", ConformanceData.jsonLines(FILE),
                v -> v.text("test") + " " + Optional.ofNullable(v.text("input")).orElse(v.text("Reference")), EXCLUSIONS,
                ReferenceConformanceTest::check);
    }

    private static void check(Vector v) {
        String input = v.text("input");
        switch (v.text("test")) {
            case "TestReferenceParse" -> {
                if (v.has("err")) {
                    refused(input);
                } else {
                    ImageReference ref = ImageReference.parse(input);
                    assertSameName(ref, v.text("repository"));
                    assertThat(ref.tag().orElse(null)).isEqualTo(v.text("tag"));
                    assertThat(ref.digest().map(Digest::toString).orElse(null)).isEqualTo(v.text("digest"));
                }
            }
            case "TestFullNameRegexp" -> {
                if (v.json().get("match").asBoolean()) {
                    ImageReference ref = ImageReference.parse(input);
                    if (v.has("subs")) {
                        String domain = v.json().get("subs").get(0).asText();
                        assertSameName(ref, (domain.isEmpty() ? "" : domain + "/") + v.json().get("subs").get(1).asText());
                    }
                } else {
                    refused(input);
                }
            }
            case "TestReferenceRegexp" -> {
                if (v.json().get("match").asBoolean()) {
                    ImageReference ref = ImageReference.parse(input);
                    assertSameName(ref, v.json().get("subs").get(0).asText());
                    assertThat(ref.tag().orElse("")).isEqualTo(v.json().get("subs").get(1).asText());
                    assertThat(ref.digest().map(Digest::toString).orElse("")).isEqualTo(v.json().get("subs").get(2).asText());
                } else {
                    refused(input);
                }
            }
            case "TestValidateReferenceName", "TestValidateRemoteName" -> {
                if (v.json().get("valid").asBoolean()) {
                    ImageReference.parse(input);
                } else {
                    refused(input);
                }
            }
            case "TestParseRepositoryInfo" -> {
                ImageReference ref = ImageReference.parse(input);
                assertThat(ref.registry()).isEqualTo(v.text("domain"));
                assertThat(ref.repository()).isEqualTo(v.text("remoteName"));
                assertThat(ref.registry() + "/" + ref.repository()).isEqualTo(v.text("fullName"));
            }
            case "TestParseReferenceWithTagAndDigest" -> {
                ImageReference ref = ImageReference.parse(input);
                assertThat(ref.toString()).isEqualTo(v.text("fullName"));
                assertThat(ref.tag().isPresent()).isEqualTo(v.json().get("tagged").asBoolean());
                assertThat(ref.digest().isPresent()).isEqualTo(v.json().get("digested").asBoolean());
            }
            case "TestInvalidReferenceComponents" -> {
                switch (v.text("op")) {
                    case "parse" -> refused(input);
                    case "withTag" -> assertThatThrownBy(() -> ImageReference.parse(v.text("base")).withTag(input))
                            .isInstanceOf(InvalidReferenceException.class);
                    default -> assertThatThrownBy(() -> ImageReference.parse(v.text("base")).withDigest(Digest.parse(input)))
                            .isInstanceOf(InvalidReferenceException.class);
                }
            }
            case "TestParseAnyReference" -> assertThat(ImageReference.parse(v.text("Reference")).toString())
                    .isEqualTo(v.text("Equivalent"));
            case "TestNormalizedSplitHostname" -> {
                ImageReference ref = ImageReference.parse(input);
                assertThat(ref.registry()).isEqualTo(v.text("domain"));
                assertThat(ref.repository()).isEqualTo(v.text("path"));
            }
            case "TestParseDockerRef" -> {
                // ParseDockerRef: the digest wins over a tag, and no tag means latest
                ImageReference ref = ImageReference.parse(input);
                String name = ref.registry() + "/" + ref.repository();
                assertThat(ref.digest().map(d -> name + "@" + d).orElse(name + ":" + ref.tagOrDigest()))
                        .isEqualTo(v.text("expected"));
            }
            default -> throw new AssertionError("no check for " + v.text("test") + ": add one or list it as excluded");
        }
    }

    private static void refused(String input) {
        assertThatThrownBy(() -> ImageReference.parse(input)).isInstanceOf(InvalidReferenceException.class);
    }

    /**
     * The parsed reference names the same repository as the vector's unnormalised {@code name}:
     * the first component is a host only when it has a '.' or ':', is {@code localhost} or has
     * upper case (docker's rule), and Docker Hub names get {@code library/}.
     */
    private static void assertSameName(ImageReference ref, String name) {
        int slash = name.indexOf('/');
        String first = slash < 0 ? "" : name.substring(0, slash);
        boolean host = !first.isEmpty() && (first.contains(".") || first.contains(":") || first.equals("localhost")
                || !first.equals(first.toLowerCase(java.util.Locale.ROOT)));
        String registry = host ? first : "docker.io";
        String path = host ? name.substring(slash + 1) : name;
        if (registry.equals("docker.io") && !path.contains("/")) {
            path = "library/" + path;
        }
        assertThat(ref.registry() + "/" + ref.repository()).isEqualTo(registry + "/" + path);
    }
}
