package io.github.ecrtoolkit.iam;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.github.ecrtoolkit.core.internal.AwsErrors;
import io.github.ecrtoolkit.core.permissions.Capability;
import io.github.ecrtoolkit.core.permissions.PolicyDocument;

/**
 * What the pre-flight found: who the caller is, the principal whose policies were simulated, and
 * each action's verdict. {@link #message()} names each denied action and the policy to attach.
 *
 * <pre>{@code
 * PreflightResult result = preflight.check(Capability.ECS_UP, scope);
 * if (result.hasDenied()) {
 *     System.err.println(result.message());
 *     System.out.println(result.policy().toJson());
 * }
 * }</pre>
 *
 * @param capability what was checked
 * @param callerArn the caller as STS reports it (an assumed-role session, a user, …)
 * @param simulatedArn the principal whose policies were simulated (an assumed role's role ARN); empty when none can be
 * @param verdicts each action's verdict, in table order
 * @param note why the simulation could not run, when it could not; the pre-flight is advisory, so callers go on
 * @param policy the least-privilege policy for the capability, scoped to the account and resources checked
 */
public record PreflightResult(Capability capability, String callerArn, Optional<String> simulatedArn,
        List<ActionVerdict> verdicts, Optional<String> note, PolicyDocument policy) {

    public PreflightResult {
        Objects.requireNonNull(capability, "capability");
        Objects.requireNonNull(callerArn, "callerArn");
        Objects.requireNonNull(simulatedArn, "simulatedArn");
        verdicts = List.copyOf(verdicts);
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(policy, "policy");
    }

    /** The actions denied, without repeats. */
    public List<String> denied() {
        return verdicts.stream().filter(v -> v.decision() == Decision.DENIED).map(ActionVerdict::action).distinct().toList();
    }

    public boolean hasDenied() {
        return verdicts.stream().anyMatch(v -> v.decision() == Decision.DENIED);
    }

    /** Whether the simulation ran and allowed every action. */
    public boolean allAllowed() {
        return !verdicts.isEmpty() && verdicts.stream().allMatch(v -> v.decision() == Decision.ALLOWED);
    }

    /** The overall verdict: DENIED when any action is, UNKNOWN when the simulation could not run, else ALLOWED. */
    public Decision decision() {
        return hasDenied() ? Decision.DENIED : allAllowed() ? Decision.ALLOWED : Decision.UNKNOWN;
    }

    /** One paragraph for a person: the verdict, each denied action, and what to attach. */
    public String message() {
        String who = simulatedArn.filter(arn -> !arn.equals(callerArn)).map(arn -> callerArn + " (as " + arn + ")").orElse(callerArn);
        String what = "Pre-flight for " + capability.cliName() + " (" + capability.description() + ") as " + who + ": ";
        if (hasDenied()) {
            return what + "denied " + String.join(", ", denied()) + ". Nothing was changed. Attach the policy that "
                    + "allows them to the identity in use. " + AwsErrors.policyHint(capability)
                    + note.map(n -> " " + n).orElse("");
        }
        if (allAllowed()) {
            return what + "all " + verdicts.size() + " actions allowed.";
        }
        return what + "not known. " + note.orElse("") + " Going on: the pre-flight is advisory.";
    }

    /**
     * This result, or a {@link MissingPermissionsException} when an action is denied.
     *
     * @throws MissingPermissionsException naming the denied actions and the policy
     */
    public PreflightResult orThrow() {
        if (hasDenied()) {
            throw new MissingPermissionsException(this);
        }
        return this;
    }
}
