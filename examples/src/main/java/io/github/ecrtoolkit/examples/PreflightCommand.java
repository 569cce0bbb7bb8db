package io.github.ecrtoolkit.examples;

import io.github.ecrtoolkit.core.permissions.Permissions;
import io.github.ecrtoolkit.iam.ActionVerdict;
import io.github.ecrtoolkit.iam.Preflight;
import io.github.ecrtoolkit.iam.PreflightResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * {@code preflight}: asks IAM's policy simulator whether the caller may do what a capability needs;
 * lists each action allowed or denied and exits 1 when one is denied. Changes nothing.
 */
@Command(name = "preflight",
        description = {"Checks with IAM's policy simulator that the caller may do what a capability needs; changes nothing.",
                "Lists each action allowed/denied; exit code 1 when a required one is denied (an optional one only warns). Needs iam:SimulatePrincipalPolicy on yourself."})
final class PreflightCommand extends CliCommand {

    @Mixin
    ScopeOptions scope;

    @Mixin
    AwsClientsOptions clients;

    @Override
    public Integer call() {
        PreflightResult result;
        try (StsClient sts = clients.sts(); IamClient iam = clients.iam();
             Preflight preflight = Preflight.builder().stsClient(sts).iamClient(iam).region(clients.aws.region.given().orElse(null)).build()) {
            result = preflight.check(scope.capability, scope.scope(clients.aws.region.given()));
        }
        for (ActionVerdict verdict : result.verdicts()) {
            out().println(verdict.decision().name().toLowerCase(java.util.Locale.ROOT) + " " + verdict.action()
                    + (verdict.explicitDeny() ? " (explicit deny)" : "")
                    + Permissions.optionalFor(result.capability(), verdict.action()).map(what -> " (optional: " + what + ")").orElse(""));
        }
        out().println(result.message());
        return result.hasDenied() ? ErrorReporter.FAILED : 0;
    }
}
