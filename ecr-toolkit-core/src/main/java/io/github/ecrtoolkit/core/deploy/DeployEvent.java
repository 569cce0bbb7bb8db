package io.github.ecrtoolkit.core.deploy;

import java.time.Instant;

/**
 * Something that happened during a deploy: a service event, a task or pod that stopped, a
 * container waiting on {@code ImagePullBackOff}, a rollback that started. Deployers define their
 * own event types; all are immutable.
 */
public interface DeployEvent {

    /** When it happened, as the platform reported it (or when it was observed). */
    Instant time();

    /** One line for a human: what happened, with the platform's own reason where it gave one. */
    String message();
}
