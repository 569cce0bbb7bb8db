package io.github.ecrtoolkit.iam;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import io.github.ecrtoolkit.core.internal.AwsErrors;
import io.github.ecrtoolkit.core.permissions.Capability;
import io.github.ecrtoolkit.core.permissions.Permissions;
import io.github.ecrtoolkit.core.permissions.PolicyDocument;

/**
 * What the pre-flight found: who the caller is, the principal whose policies were simulated, and
 * each action's verdict. {@link #message()} names each denied action and the policy to attach.
 * An {@linkplain io.github.ecrtoolkit.core.permissions.Permission#isOptional() optional} action that
 * is denied refuses nothing: it is in {@link #skipped()}, and {@link #warnings()} says what is
 * skipped without it (the deploy-time platform check, say).
 *
 * <pre>{@code
 * PreflightResult result = preflight.check(Capability.ECS_UP, scope);
 * if (result.hasDenied()) {
 *     System.err.println(result.message());
 *     System.out.println(result.policy().toJson());
 * }
 * result.warnings().forEach(System.err::println);   // optional ecr:BatchGetImage denied: the deploy-time platform check is skipped ...
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

    /** The required actions denied, without repeats: each refuses the capability. */
    public List<String> denied() {
        return deniedActions().filter(action -> !optional(action)).toList();
    }

    /** Whether a required action is denied. */
    public boolean hasDenied() {
        return !denied().isEmpty();
    }

    /** The optional actions denied, without repeats: the capability works, with something skipped. */
    public List<String> skipped() {
        return deniedActions().filter(this::optional).toList();
    }

    /**
     * One line per thing skipped because optional actions are denied, e.g. {@code optional
     * ecr:BatchGetImage denied: the deploy-time platform check is skipped (with a warning) ...}; empty
     * when none is.
     */
    public List<String> warnings() {
        Map<String, List<String>> byWhat = new LinkedHashMap<>();
        for (String action : skipped()) {
            String what = Permissions.optionalFor(capability, action).orElseThrow();
            byWhat.computeIfAbsent(what, w -> new ArrayList<>()).add(action);
        }
        return byWhat.entrySet().stream().map(e -> "optional " + String.join(", ", e.getValue()) + " denied: "
                + e.getKey() + " is skipped (with a warning) and " + capability.cliName() + " goes on; allow "
                + (e.getValue().size() == 1 ? "it" : "them") + " to have it (`iam-policy --for " + capability.cliName()
                + "` includes " + (e.getValue().size() == 1 ? "it" : "them") + ")").toList();
    }

    /** Whether the simulation ran and allowed every required action (optional ones may be {@link #skipped()}). */
    public boolean allAllowed() {
        return !verdicts.isEmpty() && verdicts.stream()
                .allMatch(v -> v.decision() == Decision.ALLOWED || v.decision() == Decision.DENIED && optional(v.action()));
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
        if (allAllowed() && skipped().isEmpty()) {
            return what + "all " + verdicts.size() + " actions allowed.";
        }
        if (allAllowed()) {
            return what + "all " + (verdicts.size() - skipped().size()) + " required actions allowed. "
                    + String.join(". ", warnings()) + ".";
        }
        return what + "not known. " + note.orElse("") + " Going on: the pre-flight is advisory.";
    }

    private Stream<String> deniedActions() {
        return verdicts.stream().filter(v -> v.decision() == Decision.DENIED).map(ActionVerdict::action).distinct();
    }

    private boolean optional(String action) {
        return Permissions.optionalFor(capability, action).isPresent();
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
