package io.github.ecrtoolkit.eks.internal;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.ecrtoolkit.core.deploy.DeployEvent;
import io.github.ecrtoolkit.core.deploy.DeployListener;

/** Keeps the events of one deploy for its result and hands each to the caller's listener. */
public final class EventLog {

    private static final Logger LOG = LoggerFactory.getLogger(EventLog.class);

    private final DeployListener listener;
    private final List<DeployEvent> events = new ArrayList<>();

    public EventLog(DeployListener listener) {
        this.listener = listener;
    }

    public void emit(DeployEvent event) {
        synchronized (events) {
            events.add(event);
        }
        LOG.debug("{}", event.message());
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            // a failing listener must not break the deploy it observes
            LOG.warn("deploy listener threw on '{}'", event.message(), e);
        }
    }

    public List<DeployEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }
}
