package io.github.ecrtoolkit.iam;

import java.util.Objects;

/**
 * What {@link PolicySetup} did.
 *
 * @param policyArn the customer managed policy's ARN
 * @param change whether the policy was created, given a new default version, or already said the same
 * @param attachedTo the identity it is attached to now
 */
public record PolicySetupResult(String policyArn, Change change, PolicyTarget attachedTo) {

    /** What happened to the policy itself. */
    public enum Change { CREATED, UPDATED, UNCHANGED }

    public PolicySetupResult {
        Objects.requireNonNull(policyArn, "policyArn");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(attachedTo, "attachedTo");
    }
}
