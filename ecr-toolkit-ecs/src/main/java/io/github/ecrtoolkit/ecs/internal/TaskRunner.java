package io.github.ecrtoolkit.ecs.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerOverride;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;

import io.github.ecrtoolkit.core.deploy.internal.EventLog;
import io.github.ecrtoolkit.ecs.EcsDeployEvent;
import io.github.ecrtoolkit.ecs.EcsService;
import io.github.ecrtoolkit.ecs.EcsTaskOptions;
import io.github.ecrtoolkit.ecs.EcsTaskResult;
import io.github.ecrtoolkit.ecs.StoppedTask;
import io.github.ecrtoolkit.ecs.TaskOutcome;

/**
 * A one-off task with a service's task definition and a new image (a migration, a batch job): run
 * it where the service runs (same network, launch type or capacity providers), wait for it to
 * stop, and report how each container ended. A task still running at the limit is left running.
 */
public final class TaskRunner {

    /** Marks the tasks this library starts, so they can be found with {@code ListTasks(startedBy=..)}. */
    static final String STARTED_BY = "ecr-toolkit";

    private final EcsClient client;
    private final EcsService target;
    private final String image;
    private final EcsTaskOptions options;
    private final Pacer pacer;
    private final EventLog<EcsDeployEvent> events;
    private final EcsCalls calls;

    public TaskRunner(EcsClient client, DeploySettings settings, EcsService target, String image,
            EcsTaskOptions options) {
        this.client = client;
        this.target = target;
        this.image = ImagePin.pin(image);
        this.options = options;
        this.pacer = settings.newPacer();
        this.events = new EventLog<>(options.listener());
        this.calls = new EcsCalls(target.cluster(), target.service(), pacer, events);
    }

    public EcsTaskResult run() {
        Instant started = pacer.now();
        String cluster = target.cluster();
        Service service = new ServiceReader(client, calls, cluster, target.service()).describeForDeploy();
        DescribeTaskDefinitionResponse described = calls.call("DescribeTaskDefinition", () -> client
                .describeTaskDefinition(r -> r.taskDefinition(service.taskDefinition()).include(TaskDefinitionField.TAGS)));
        RevisionPlanner planner = new RevisionPlanner(cluster, target.service());
        String container = planner.chooseContainers(described.taskDefinition(), options.container().stream().toList())
                .get(0);
        Optional<RegisterTaskDefinitionRequest> revision = planner.plan(described.taskDefinition(), described.tags(),
                List.of(container), image, Map.of(), Map.of());
        String taskDefinition = service.taskDefinition();
        if (revision.isPresent()) {
            taskDefinition = calls.call("RegisterTaskDefinition", () -> client.registerTaskDefinition(revision.get()))
                    .taskDefinition().taskDefinitionArn();
            events.emit(new EcsDeployEvent.TaskDefinitionRegistered(pacer.now(), taskDefinition, image));
        }

        RunTaskRequest request = runTaskRequest(service, taskDefinition, container);
        RunTaskResponse response = calls.call("RunTask", () -> client.runTask(request));
        Ending ending = new Ending(cluster, container, taskDefinition, started);
        if (response.tasks().isEmpty()) {
            String why = response.failures().stream().map(f -> f.reason() + (f.detail() == null ? "" : " (" + f.detail()
                    + ")")).collect(Collectors.joining("; "));
            return ending.result(TaskOutcome.FAILED, null, null, "ECS could not start the task: "
                    + (why.isEmpty() ? "no reason given" : why));
        }
        String taskArn = response.tasks().get(0).taskArn();
        Instant deadline = started.plus(options.timeout());
        Tasks tasks = new Tasks(client, calls, cluster);
        while (true) {
            pacer.pause(deadline);
            Instant now = pacer.now();
            Optional<Task> task = tasks.describe(List.of(taskArn)).stream().findFirst();
            if (task.isPresent() && "STOPPED".equals(task.get().lastStatus())) {
                StoppedTask stopped = Tasks.toStoppedTask(task.get(), now);
                events.emit(new EcsDeployEvent.TaskStopped(now, stopped));
                Optional<Integer> exit = Optional.ofNullable(stopped.exitCodes().get(container));
                if (exit.filter(code -> code == 0).isPresent()) {
                    return ending.result(TaskOutcome.SUCCEEDED, taskArn, stopped, null);
                }
                return ending.result(TaskOutcome.FAILED, taskArn, stopped, "container " + container + " "
                        + exit.map(code -> "exited with code " + code).orElse("has no exit code") + "; task: "
                        + stopped.describe());
            }
            if (!now.isBefore(deadline)) {
                return ending.result(TaskOutcome.TIMED_OUT, taskArn, null, "task " + taskArn + " still "
                        + task.map(Task::lastStatus).orElse("unknown") + " after " + options.timeout()
                        + "; it was left running");
            }
        }
    }

    /** What every ending of this run shares; makes the result with the events so far. */
    private final class Ending {
        private final String cluster;
        private final String container;
        private final String taskDefinition;
        private final Instant started;

        Ending(String cluster, String container, String taskDefinition, Instant started) {
            this.cluster = cluster;
            this.container = container;
            this.taskDefinition = taskDefinition;
            this.started = started;
        }

        EcsTaskResult result(TaskOutcome outcome, String taskArn, StoppedTask stopped, String reason) {
            return new EcsTaskResult(outcome, cluster, container, taskDefinition, Optional.ofNullable(taskArn),
                    Optional.ofNullable(stopped), Optional.ofNullable(reason), events.events(),
                    Duration.between(started, pacer.now()));
        }
    }

    private RunTaskRequest runTaskRequest(Service service, String taskDefinition, String container) {
        ContainerOverride.Builder override = ContainerOverride.builder().name(container);
        if (!options.command().isEmpty()) {
            override.command(options.command());
        }
        if (!options.environment().isEmpty()) {
            override.environment(options.environment().entrySet().stream()
                    .map(e -> KeyValuePair.builder().name(e.getKey()).value(e.getValue()).build()).toList());
        }
        RunTaskRequest.Builder request = RunTaskRequest.builder().cluster(target.cluster())
                .taskDefinition(taskDefinition).count(1).startedBy(STARTED_BY)
                .networkConfiguration(service.networkConfiguration())
                .overrides(o -> o.containerOverrides(override.build()));
        // run where the service runs: its capacity providers, or else its launch type
        if (!service.capacityProviderStrategy().isEmpty()) {
            request.capacityProviderStrategy(service.capacityProviderStrategy());
        } else if (service.launchTypeAsString() != null) {
            request.launchType(service.launchTypeAsString());
        }
        if (service.platformVersion() != null) {
            request.platformVersion(service.platformVersion());
        }
        return request.build();
    }
}
