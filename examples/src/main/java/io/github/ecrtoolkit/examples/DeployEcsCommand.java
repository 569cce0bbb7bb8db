package io.github.ecrtoolkit.examples;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;

import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.EcsClientBuilder;

import io.github.ecrtoolkit.core.EcrToolkitException;
import io.github.ecrtoolkit.core.deploy.DeployOptions;
import io.github.ecrtoolkit.ecs.EcsDeployResult;
import io.github.ecrtoolkit.ecs.EcsDeployer;
import io.github.ecrtoolkit.ecs.EcsService;
import io.github.ecrtoolkit.ecs.StoppedTask;

/**
 * {@code deploy-ecs --cluster C --service S --image REF [--container N] [--timeout DURATION]
 * [--rollback-on-failure]}: rolls an image out to an ECS service, prints progress, and ends with
 * the line {@code outcome <SUCCEEDED|ROLLED_BACK|FAILED|TIMED_OUT>}. Exit code 0 only for SUCCEEDED.
 *
 * <p>Credentials and region come from the AWS default chains. Hidden options for tests and local
 * endpoints: {@code --endpoint URL}, {@code --region R}, {@code --poll-interval DURATION}.
 */
final class DeployEcsCommand implements Cli.Command {

    private static final String USAGE = "usage: deploy-ecs --cluster C --service S --image REF [--container N] "
            + "[--timeout DURATION] [--rollback-on-failure]";

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        String cluster = null;
        String service = null;
        String image = null;
        String endpoint = null;
        String region = null;
        Duration pollInterval = null;
        DeployOptions.Builder options = DeployOptions.builder().listener(event -> out.println(event.message()));
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--cluster" -> cluster = Arguments.value(args, ++i, arg);
                    case "--service" -> service = Arguments.value(args, ++i, arg);
                    case "--image" -> image = Arguments.value(args, ++i, arg);
                    case "--container" -> options.container(Arguments.value(args, ++i, arg));
                    case "--timeout" -> options.timeout(Arguments.duration(Arguments.value(args, ++i, arg)));
                    case "--rollback-on-failure" -> options.rollbackOnFailure(true);
                    case "--endpoint" -> endpoint = Arguments.value(args, ++i, arg);
                    case "--region" -> region = Arguments.value(args, ++i, arg);
                    case "--poll-interval" -> pollInterval = Arguments.duration(Arguments.value(args, ++i, arg));
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            }
            if (cluster == null || service == null || image == null) {
                throw new IllegalArgumentException("--cluster, --service and --image are required");
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }

        EcsService target = EcsService.of(cluster, service);
        out.println("deploying " + image + " to " + target.displayName());
        try (EcsClient client = client(endpoint, region)) {
            EcsDeployer.Builder deployer = EcsDeployer.builder().client(client);
            if (pollInterval != null) {
                deployer.pollInterval(pollInterval);
            }
            EcsDeployResult result;
            try (EcsDeployer ecs = deployer.build()) {
                result = ecs.deploy(target, image, options.build());
            }
            for (StoppedTask task : result.stoppedTasks()) {
                out.println("stopped: " + task.describe());
            }
            result.reason().ifPresent(reason -> out.println("reason: " + reason));
            result.servingRevision().ifPresent(revision -> out.println("serving: " + revision));
            out.println("elapsed: " + result.elapsed().toMillis() + " ms");
            out.println("outcome " + result.outcome());
            return result.succeeded() ? 0 : 1;
        } catch (EcrToolkitException e) {
            err.println("deploy-ecs: " + e.getMessage());
            return 1;
        }
    }

    private static EcsClient client(String endpoint, String region) {
        EcsClientBuilder builder = EcsClient.builder().httpClientBuilder(Apache5HttpClient.builder());
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        if (region != null) {
            builder.region(Region.of(region));
        }
        try {
            return builder.build();
        } catch (RuntimeException e) {
            throw new EcrToolkitException(EcrToolkitException.Reason.INVALID_INPUT, "could not create an ECS client ("
                    + e.getMessage() + "); set AWS_REGION or a profile's region", e);
        }
    }
}
