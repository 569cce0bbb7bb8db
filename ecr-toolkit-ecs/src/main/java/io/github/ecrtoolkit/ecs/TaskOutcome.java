package io.github.ecrtoolkit.ecs;

/** How a one-off task ended. */
public enum TaskOutcome {
    /** The task stopped and the chosen container exited with code 0. */
    SUCCEEDED,
    /** The task could not start, or the chosen container exited with another code or none. */
    FAILED,
    /** The caller's limit passed while the task still ran; it was left running. */
    TIMED_OUT
}
