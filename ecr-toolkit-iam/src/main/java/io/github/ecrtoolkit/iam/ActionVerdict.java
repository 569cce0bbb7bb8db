package io.github.ecrtoolkit.iam;

import java.util.List;
import java.util.Objects;

/**
 * The simulator's answer for one action: allowed, denied, or unknown, on which resources.
 *
 * @param action the IAM action, e.g. {@code ecs:UpdateService}
 * @param resources the ARNs simulated ({@code *} when the action takes none)
 * @param decision the answer; denied when any resource is denied
 * @param explicitDeny whether a policy denies it explicitly (rather than none allowing it)
 */
public record ActionVerdict(String action, List<String> resources, Decision decision, boolean explicitDeny) {

    public ActionVerdict {
        Objects.requireNonNull(action, "action");
        resources = List.copyOf(resources);
        Objects.requireNonNull(decision, "decision");
    }

    @Override
    public String toString() {
        return action + " " + decision.name().toLowerCase(java.util.Locale.ROOT) + (explicitDeny ? " (explicit deny)" : "");
    }
}
