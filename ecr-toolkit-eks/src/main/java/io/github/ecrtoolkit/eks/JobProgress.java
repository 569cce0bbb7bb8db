package io.github.ecrtoolkit.eks;

import java.time.Instant;

/**
 * A one-off Job moved: created, its pod running, its end.
 *
 * @param time when it was observed
 * @param namespace the Job's namespace
 * @param job the Job's name
 * @param message one line for a person
 */
public record JobProgress(Instant time, String namespace, String job, String message) implements EksEvent {
}
