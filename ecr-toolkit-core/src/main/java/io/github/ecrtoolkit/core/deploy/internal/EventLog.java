package io.github.ecrtoolkit.core.deploy.internal;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.ecrtoolkit.core.deploy.DeployEvent;
import io.github.ecrtoolkit.core.deploy.DeployListener;
import io.github.ecrtoolkit.core.internal.InternalApi;

/**
 * Keeps the events of one deploy for its result and hands each to the caller's listener, in the
 * order they are kept. Used by the ECS and the EKS deployer.
 *
 * @param <E> the deployer's event type
 */
@InternalApi
public final class EventLog<E extends DeployEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(EventLog.class);

    private final DeployListener listener;
    private final List<E> events = new ArrayList<>();

    public EventLog(DeployListener listener) {
        this.listener = listener;
    }

    public synchronized void emit(E event) {
        events.add(event);
        LOG.debug("{}", event.message());
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            // a broken listener must not break a deploy half-way
            LOG.warn("deploy listener failed on {}", event.getClass().getSimpleName(), e);
        }
    }

    public synchronized List<E> events() {
        return List.copyOf(events);
    }
}
