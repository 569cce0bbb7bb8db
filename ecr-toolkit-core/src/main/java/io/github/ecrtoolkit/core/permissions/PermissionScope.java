package io.github.ecrtoolkit.core.permissions;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The resources a policy is scoped to: account, region, and the repositories, clusters, services
 * and roles the user names. What is not named is {@code *} (any), so a scope with nothing in it
 * gives a working but broad policy; name what you use to narrow it.
 *
 * <pre>{@code
 * PermissionScope scope = PermissionScope.builder()
 *         .account("123456789012").region("eu-west-1")
 *         .repository("orders").cluster("prod").service("orders")
 *         .role("ordersTaskRole")              // roles handed to ECS or EKS (iam:PassRole)
 *         .build();
 * }</pre>
 *
 * @param account the 12-digit account id, or {@code *}
 * @param region the region, e.g. {@code eu-west-1}, or {@code *}
 * @param repositories ECR repository names; empty means any
 * @param clusters ECS or EKS cluster names; empty means any
 * @param services ECS service names; empty means any
 * @param roles IAM role names the caller creates or passes to ECS or EKS; empty means any in the account
 * @param kmsKeys KMS key ARNs that encrypt new repositories; empty means none (the KMS actions are left out)
 */
public record PermissionScope(String account, String region, List<String> repositories, List<String> clusters,
        List<String> services, List<String> roles, List<String> kmsKeys) {

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}|\\*");
    private static final Pattern REGION = Pattern.compile("[a-z]+(-[a-z]+)+-\\d+|\\*");

    public PermissionScope {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(region, "region");
        if (!ACCOUNT.matcher(account).matches()) {
            throw new IllegalArgumentException("an AWS account id has 12 digits, not '" + account + "'");
        }
        if (!REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("'" + region + "' is not a region name like eu-west-1");
        }
        repositories = names("repository", repositories);
        clusters = names("cluster", clusters);
        services = names("service", services);
        roles = names("role", roles);
        kmsKeys = List.copyOf(kmsKeys);
    }

    /** Any account, any region, any resource. */
    public static PermissionScope any() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder builder = new Builder().account(account).region(region);
        builder.repositories.addAll(repositories);
        builder.clusters.addAll(clusters);
        builder.services.addAll(services);
        builder.roles.addAll(roles);
        builder.kmsKeys.addAll(kmsKeys);
        return builder;
    }

    /** {@code aws}, {@code aws-cn} or {@code aws-us-gov}, from the region's name ({@code aws} for any region). */
    public String partition() {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        if (region.startsWith("us-gov-")) {
            return "aws-us-gov";
        }
        return "aws";
    }

    /** The same scope in another account, e.g. the one STS reports; a named account is kept. */
    public PermissionScope inAccount(String accountId) {
        return account.equals("*") ? toBuilder().account(accountId).build() : this;
    }

    /** The same scope in another region; a named region is kept. */
    public PermissionScope inRegion(Optional<String> regionName) {
        return region.equals("*") && regionName.isPresent() ? toBuilder().region(regionName.get()).build() : this;
    }

    private static List<String> names(String what, List<String> names) {
        for (String name : names) {
            if (name == null || name.isBlank() || name.contains(" ")) {
                throw new IllegalArgumentException("'" + name + "' is not a " + what + " name");
            }
        }
        return List.copyOf(names);
    }

    /** Builds a {@link PermissionScope}; not thread-safe. Each adder appends; nothing named means any. */
    public static final class Builder {

        private String account = "*";
        private String region = "*";
        private final List<String> repositories = new ArrayList<>();
        private final List<String> clusters = new ArrayList<>();
        private final List<String> services = new ArrayList<>();
        private final List<String> roles = new ArrayList<>();
        private final List<String> kmsKeys = new ArrayList<>();

        private Builder() {
        }

        public Builder account(String account) {
            this.account = Objects.requireNonNull(account, "account");
            return this;
        }

        public Builder region(String region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        public Builder repository(String name) {
            repositories.add(name);
            return this;
        }

        public Builder cluster(String name) {
            clusters.add(name);
            return this;
        }

        public Builder service(String name) {
            services.add(name);
            return this;
        }

        /** A role the caller creates or passes to ECS or EKS, by name. */
        public Builder role(String name) {
            roles.add(name);
            return this;
        }

        /** A KMS key (ARN) that encrypts new repositories. */
        public Builder kmsKey(String arn) {
            kmsKeys.add(Objects.requireNonNull(arn, "arn"));
            return this;
        }

        public PermissionScope build() {
            return new PermissionScope(account, region, repositories, clusters, services, roles, kmsKeys);
        }
    }
}
