package io.github.ecrtoolkit.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.ecrtoolkit.core.permissions.Capability;
import io.github.ecrtoolkit.core.permissions.PermissionScope;
import picocli.CommandLine.Option;
import software.amazon.awssdk.regions.Region;

/** {@code --for CAPABILITY} and the resources a policy is scoped to; what is not named is {@code *}. */
final class ScopeOptions {

    @Option(names = "--for", required = true, paramLabel = "CAPABILITY", converter = CapabilityConverter.class,
            description = "What to do: push, create-repository, deploy-ecs, ecs-up, deploy-eks, eks-up or express.")
    Capability capability;

    @Option(names = "--repository", paramLabel = "NAME", description = "An ECR repository (repeatable; default: any).")
    List<String> repositories = new ArrayList<>();

    @Option(names = "--cluster", paramLabel = "NAME", description = "An ECS or EKS cluster (repeatable; default: any).")
    List<String> clusters = new ArrayList<>();

    @Option(names = "--service", paramLabel = "NAME", description = "An ECS service (repeatable; default: any).")
    List<String> services = new ArrayList<>();

    @Option(names = "--role", paramLabel = "NAME",
            description = "A role created or passed to ECS/EKS, for iam:PassRole (repeatable; default: any in the account).")
    List<String> roles = new ArrayList<>();

    @Option(names = "--kms-key", paramLabel = "ARN", description = "A KMS key that encrypts new repositories (repeatable).")
    List<String> kmsKeys = new ArrayList<>();

    @Option(names = "--account", paramLabel = "ID", description = "The 12-digit account (default: any; the caller's when checking).")
    String account;

    PermissionScope scope(Optional<Region> region) {
        PermissionScope.Builder scope = PermissionScope.builder();
        if (account != null) {
            scope.account(account);
        }
        region.ifPresent(r -> scope.region(r.id()));
        repositories.forEach(scope::repository);
        clusters.forEach(scope::cluster);
        services.forEach(scope::service);
        roles.forEach(scope::role);
        kmsKeys.forEach(scope::kmsKey);
        return scope.build();
    }

    /** Capabilities by their command-line names. */
    static final class CapabilityConverter implements picocli.CommandLine.ITypeConverter<Capability> {
        @Override
        public Capability convert(String value) {
            return Capability.named(value);
        }
    }
}
