package io.github.ecrtoolkit.examples;

import java.time.Duration;
import java.util.List;

import io.github.ecrtoolkit.core.EcrToolkitException;
import io.github.ecrtoolkit.core.deploy.DeployOptions;
import io.github.ecrtoolkit.core.event.ConsoleProgress;
import io.github.ecrtoolkit.ecs.EcsDeployResult;
import io.github.ecrtoolkit.ecs.EcsDeployer;
import io.github.ecrtoolkit.ecs.EcsService;
import io.github.ecrtoolkit.ecs.StoppedTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.EcsClientBuilder;

/**
 * {@code deploy-ecs}: rolls an image out to an ECS service, prints progress, and ends with the line
 * {@code outcome <SUCCEEDED|ROLLED_BACK|FAILED|TIMED_OUT>}. Exit code 0 only for SUCCEEDED.
 */
@Command(name = "deploy-ecs",
        description = {"Rolls an image out to an ECS service; prints progress, then `outcome <SUCCEEDED|ROLLED_BACK|FAILED|TIMED_OUT>`.",
                "Exit code 0 only for SUCCEEDED. Credentials and region: the AWS default chains."})
final class DeployEcsCommand extends CliCommand {

    @Option(names = "--cluster", required = true, paramLabel = "NAME", description = "The ECS cluster.")
    String cluster;

    @Option(names = "--service", required = true, paramLabel = "NAME", description = "The ECS service.")
    String service;

    @Option(names = "--image", required = true, paramLabel = "REF", description = "The image to run, e.g. 1234….dkr.ecr.eu-west-1.amazonaws.com/orders:1.4.2.")
    String image;

    @Option(names = "--container", paramLabel = "NAME", showDefaultValue = Visibility.NEVER,
            description = "A container whose image is replaced; repeatable (default: the task's only container).")
    List<String> containers = List.of();

    @Option(names = "--rollback-on-failure", description = "Roll back to the previous task definition when the rollout fails or times out.")
    boolean rollbackOnFailure;

    @Option(names = "--poll-interval", paramLabel = "DURATION", defaultValue = "6s",
            description = "How often to ask ECS for the rollout's state.")
    Duration pollInterval;

    @Mixin
    TimeoutOption timeout;

    @Mixin
    AwsOptions aws;

    @Mixin
    PlatformCheckOption platformCheck;

    @Override
    public Integer call() {
        DeployOptions options = DeployOptions.builder()
                .containers(containers)
                .timeout(timeout.timeout)
                .rollbackOnFailure(rollbackOnFailure)
                .listener(ConsoleProgress.builder().output(out()).build())
                .build();
        EcsService target = EcsService.of(cluster, service);
        out().println("deploying " + image + " to " + target.displayName());
        EcsDeployResult result;
        EcsDeployer.Builder builder = EcsDeployer.builder().pollInterval(pollInterval);
        platformCheck.override().ifPresent(builder::imagePlatforms);
        try (EcsClient client = client(); EcsDeployer ecs = builder.client(client).build()) {
            result = ecs.deploy(target, image, options);
        }
        for (StoppedTask task : result.stoppedTasks()) {
            out().println("stopped: " + task.describe());
        }
        result.reason().ifPresent(reason -> out().println("reason: " + reason));
        result.servingRevision().ifPresent(revision -> out().println("serving: " + revision));
        out().println("elapsed: " + result.elapsed().toMillis() + " ms");
        out().println("outcome " + result.outcome());
        return result.succeeded() ? 0 : ErrorReporter.FAILED;
    }

    private EcsClient client() {
        EcsClientBuilder builder = EcsClient.builder().httpClientBuilder(Apache5HttpClient.builder());
        aws.endpoint().ifPresent(builder::endpointOverride);
        builder.region(aws.region.resolve());
        try {
            return builder.build();
        } catch (RuntimeException e) {
            throw new EcrToolkitException(EcrToolkitException.Reason.INVALID_INPUT, "could not create an ECS client ("
                    + e.getMessage() + "); set AWS_REGION or a profile's region", e);
        }
    }
}
