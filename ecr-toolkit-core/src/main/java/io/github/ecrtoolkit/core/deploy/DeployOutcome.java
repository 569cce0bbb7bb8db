package io.github.ecrtoolkit.core.deploy;

/** How a deploy ended. Only {@link #SUCCEEDED} means the new image serves. */
public enum DeployOutcome {
    /** The new version is rolled out and healthy: every desired replica runs it. */
    SUCCEEDED,
    /** The new version failed and the previous one was restored (by the platform or by us). */
    ROLLED_BACK,
    /** The new version failed and nothing rolled it back; the result's reason says why. */
    FAILED,
    /** The caller's time limit passed before the rollout settled; it may still be in progress. */
    TIMED_OUT
}
