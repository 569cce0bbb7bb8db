package io.github.ecrtoolkit.examples;

import io.github.ecrtoolkit.core.permissions.Permissions;
import io.github.ecrtoolkit.core.permissions.PermissionScope;
import io.github.ecrtoolkit.iam.PolicySetup;
import io.github.ecrtoolkit.iam.PolicySetupResult;
import io.github.ecrtoolkit.iam.PolicyTarget;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * {@code iam-policy}: prints the least-privilege IAM policy of a capability, scoped to the resources
 * named; with {@code --attach-to-role|user|group NAME}, creates it in the account and attaches it.
 */
@Command(name = "iam-policy",
        description = {"Prints the least-privilege IAM policy (JSON) for one capability, scoped to the resources named.",
                "With --attach-to-role/--attach-to-user/--attach-to-group, creates it as a customer managed policy and "
                        + "attaches it (never creates access keys)."})
final class IamPolicyCommand extends CliCommand {

    @Mixin
    ScopeOptions scope;

    @Mixin
    AwsClientsOptions clients;

    @ArgGroup(exclusive = true)
    Attach attach;

    @Option(names = "--policy-name", paramLabel = "NAME", description = "Name of the policy to create (default: ecr-toolkit-CAPABILITY).")
    String policyName;

    /** Whom to attach the policy to: one of three. */
    static final class Attach {
        @Option(names = "--attach-to-role", paramLabel = "NAME", description = "Create the policy and attach it to this role.")
        String role;

        @Option(names = "--attach-to-user", paramLabel = "NAME", description = "Create the policy and attach it to this user.")
        String user;

        @Option(names = "--attach-to-group", paramLabel = "NAME", description = "Create the policy and attach it to this group.")
        String group;

        PolicyTarget target() {
            return role != null ? PolicyTarget.role(role) : user != null ? PolicyTarget.user(user) : PolicyTarget.group(group);
        }
    }

    @Override
    public Integer call() {
        PermissionScope resources = scope.scope(clients.aws.region.given());
        if (attach == null) {
            out().println(Permissions.policy(scope.capability, resources).toJson());
            return 0;
        }
        String name = policyName != null ? policyName : PolicySetup.defaultPolicyName(scope.capability);
        try (StsClient sts = clients.sts(); IamClient iam = clients.iam(); PolicySetup setup = PolicySetup.create(iam, sts)) {
            PolicySetupResult result = setup.apply(scope.capability, resources, name, attach.target());
            out().println(result.change().name().toLowerCase(java.util.Locale.ROOT) + " " + result.policyArn()
                    + ", attached to " + result.attachedTo());
        }
        return 0;
    }
}
