package io.github.ecrtoolkit.ecs.internal;

import java.util.List;

import io.github.ecrtoolkit.core.deploy.DeployListener;
import io.github.ecrtoolkit.core.deploy.internal.EventLog;
import io.github.ecrtoolkit.ecs.EcsDeployEvent;
import io.github.ecrtoolkit.ecs.EcsPlan;
import io.github.ecrtoolkit.ecs.StoppedTask;

/**
 * What every step of one {@code up}, {@code scale}, {@code status} or {@code down} shares: the
 * clients, one pacer, one event log, and the calls (retried while throttled, errors translated)
 * to each AWS service, all naming the same cluster and service.
 */
public final class RunContext {

    private final ServiceClients clients;
    private final DeploySettings settings;
    private final Pacer pacer;
    private final EventLog<EcsDeployEvent> events;
    private final String cluster;
    private final String service;
    private final EcsCalls ecs;

    public RunContext(ServiceClients clients, DeploySettings settings, DeployListener listener, String cluster, String service) {
        this.clients = clients;
        this.settings = settings;
        this.pacer = settings.newPacer();
        this.events = new EventLog<>(listener);
        this.cluster = cluster;
        this.service = service;
        this.ecs = new EcsCalls(cluster, service, pacer, events);
    }

    public ServiceClients clients() {
        return clients;
    }

    public DeploySettings settings() {
        return settings;
    }

    public Pacer pacer() {
        return pacer;
    }

    public EventLog<EcsDeployEvent> events() {
        return events;
    }

    public String cluster() {
        return cluster;
    }

    public String service() {
        return service;
    }

    public EcsCalls ecs() {
        return ecs;
    }

    public EcsCalls ec2() {
        return ecs.to("EC2");
    }

    public EcsCalls iam() {
        return ecs.to("IAM");
    }

    public EcsCalls logs() {
        return ecs.to("CloudWatch Logs");
    }

    /** The tasks that stopped during this run, oldest first. */
    public List<StoppedTask> stoppedTasks() {
        return events.events().stream().filter(EcsDeployEvent.TaskStopped.class::isInstance)
                .map(e -> ((EcsDeployEvent.TaskStopped) e).task()).toList();
    }

    public void planned(EcsPlan.Change change) {
        events.emit(new EcsDeployEvent.ChangePlanned(pacer.now(), change));
    }

    public void applied(EcsPlan.Change change) {
        events.emit(new EcsDeployEvent.ChangeApplied(pacer.now(), change));
    }
}
