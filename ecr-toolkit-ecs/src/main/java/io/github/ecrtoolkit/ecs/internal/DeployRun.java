package io.github.ecrtoolkit.ecs.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;
import software.amazon.awssdk.services.ecs.model.UpdateServiceResponse;

import io.github.ecrtoolkit.core.deploy.DeployOptions;
import io.github.ecrtoolkit.core.deploy.DeployOutcome;
import io.github.ecrtoolkit.core.deploy.internal.EventLog;
import io.github.ecrtoolkit.ecs.EcsDeployEvent;
import io.github.ecrtoolkit.ecs.EcsDeployResult;
import io.github.ecrtoolkit.ecs.EcsException;
import io.github.ecrtoolkit.ecs.EcsService;

/**
 * One deploy, step by step: read the service and its task definition, validate, register the
 * new revision, {@code UpdateService}, watch the deployment, clean up. Validation happens before
 * anything is registered, so a bad request changes nothing.
 */
public final class DeployRun {

    private final EcsClient client;
    private final DeploySettings settings;
    private final EcsService target;
    private final String image;
    private final DeployOptions options;
    private final Map<String, String> secrets;
    private final Pacer pacer;
    private final EventLog<EcsDeployEvent> events;
    private final EcsCalls calls;

    public DeployRun(EcsClient client, DeploySettings settings, EcsService target, String image, DeployOptions options,
            Map<String, String> secrets) {
        this.client = client;
        this.settings = settings;
        this.target = target;
        this.image = ImagePin.pin(image);
        this.options = options;
        this.secrets = Map.copyOf(secrets);
        this.pacer = settings.newPacer();
        this.events = new EventLog<>(options.listener());
        this.calls = new EcsCalls(target.cluster(), target.service(), pacer, events);
    }

    public EcsDeployResult run() {
        Instant started = pacer.now();
        String cluster = target.cluster();
        ServiceReader serviceReader = new ServiceReader(client, calls, cluster, target.service());
        Service service = serviceReader.describeForDeploy();
        String previous = service.taskDefinition();
        String stalePrimary = DeploymentWatcher.primary(service).map(Deployment::id).orElse(null);
        DescribeTaskDefinitionResponse described = calls.call("DescribeTaskDefinition", () -> client
                .describeTaskDefinition(r -> r.taskDefinition(previous).include(TaskDefinitionField.TAGS)));
        PlatformCheck.require(image, settings.imagePlatforms(), described.taskDefinition(), target,
                why -> events.emit(new EcsDeployEvent.PlatformCheckSkipped(pacer.now(), image, why)));

        RevisionPlanner planner = new RevisionPlanner(cluster, target.service());
        List<String> containers = planner.chooseContainers(described.taskDefinition(), options.containers());
        Optional<RegisterTaskDefinitionRequest> revision = planner.plan(described.taskDefinition(), described.tags(),
                containers, image, options.environment(), secrets);

        String next = previous;
        if (revision.isPresent()) {
            next = calls.call("RegisterTaskDefinition", () -> client.registerTaskDefinition(revision.get()))
                    .taskDefinition().taskDefinitionArn();
            events.emit(new EcsDeployEvent.TaskDefinitionRegistered(pacer.now(), next, image));
        }
        String newTaskDefinition = next;
        boolean force = revision.isEmpty();
        UpdateServiceResponse updated = calls.call("UpdateService", () -> client.updateService(r -> r.cluster(cluster)
                .service(target.service()).taskDefinition(newTaskDefinition).forceNewDeployment(force)));
        String deploymentId = DeploymentWatcher.primary(updated.service()).map(Deployment::id)
                .orElseThrow(() -> new EcsException(cluster, target.service(), "UpdateService returned no PRIMARY "
                        + "deployment for service " + target.service() + "; check the service in the ECS console"));
        events.emit(new EcsDeployEvent.DeploymentStarted(pacer.now(), deploymentId, newTaskDefinition, force));

        Tasks tasks = new Tasks(client, calls, cluster);
        Verdict verdict = new DeploymentWatcher(client, calls, serviceReader, tasks, pacer, events, settings, cluster,
                target.service(), previous, newTaskDefinition, options.rollbackOnFailure())
                .watch(deploymentId, stalePrimary, started, options.timeout());

        if (settings.keepRevisions() > 0 && verdict.outcome() != DeployOutcome.TIMED_OUT) {
            new RevisionCleaner(client, calls, pacer, events, cluster).keepLast(settings.keepRevisions(),
                    RevisionCleaner.family(newTaskDefinition), Set.of(previous, newTaskDefinition));
        }
        return new EcsDeployResult(verdict.outcome(), target, image, previous, Optional.of(newTaskDefinition),
                verdict.serving(), verdict.reason(), Optional.of(deploymentId), verdict.rollbackDeploymentId(),
                List.copyOf(events.events()), Duration.between(started, pacer.now()));
    }
}
