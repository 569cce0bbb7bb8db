package io.github.ecrtoolkit.iam.internal;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where credentials came from, in words. The SDK names the provider of resolved credentials with
 * its business-metric codes ({@code g} for environment variables, {@code n,r} for a profile's SSO
 * session, …, comma-separated along a chain); older providers give a class name, kept as it is.
 */
public final class CredentialSources {

    private static final Map<String, String> CODES = Map.ofEntries(
            Map.entry("e", "credentials given in code"),
            Map.entry("f", "JVM system properties (aws.accessKeyId)"),
            Map.entry("g", "environment variables (AWS_ACCESS_KEY_ID)"),
            Map.entry("h", "a web identity token (AWS_WEB_IDENTITY_TOKEN_FILE)"),
            Map.entry("i", "STS AssumeRole"),
            Map.entry("j", "STS AssumeRoleWithSAML"),
            Map.entry("k", "STS AssumeRoleWithWebIdentity"),
            Map.entry("l", "an STS federation token"),
            Map.entry("m", "an STS session token"),
            Map.entry("n", "a profile"),
            Map.entry("o", "a profile's source_profile"),
            Map.entry("p", "a profile's credential_source"),
            Map.entry("q", "a profile's web identity token"),
            Map.entry("r", "a profile's IAM Identity Center (SSO) session"),
            Map.entry("s", "IAM Identity Center (SSO)"),
            Map.entry("t", "a profile's legacy SSO settings"),
            Map.entry("u", "legacy SSO"),
            Map.entry("v", "a profile's credential_process"),
            Map.entry("w", "a credential process"),
            Map.entry("z", "the container credentials endpoint (ECS task role, EKS Pod Identity)"),
            Map.entry("0", "EC2 instance metadata (instance profile)"),
            Map.entry("AC", "a profile's `aws login` session"),
            Map.entry("AD", "an `aws login` session"));
    private static final Set<String> FROM_PROFILE = Set.of("n", "o", "p", "q", "r", "t", "v", "AC");

    private CredentialSources() {
    }

    /** {@code g} → "environment variables (AWS_ACCESS_KEY_ID)"; {@code n,r} → "a profile, via …". */
    public static String describe(String providerName) {
        return Arrays.stream(providerName.split(",")).map(String::strip).map(code -> CODES.getOrDefault(code, code))
                .collect(Collectors.joining(", via "));
    }

    /** Whether a profile provided them, so that its name is worth reporting. */
    public static boolean fromProfile(String providerName) {
        return Arrays.stream(providerName.split(",")).map(String::strip).anyMatch(FROM_PROFILE::contains)
                || providerName.contains("Profile");
    }
}
