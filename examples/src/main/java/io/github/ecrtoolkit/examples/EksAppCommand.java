package io.github.ecrtoolkit.examples;

import java.time.Duration;
import java.util.List;

import io.github.ecrtoolkit.core.deploy.DeployOptions;
import io.github.ecrtoolkit.eks.EksAppSpec;
import io.github.ecrtoolkit.eks.EksDeployer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code eks app}: runs an image as a Deployment (and Service) without a manifest, waited for like a rollout. */
@Command(name = "app",
        description = {"Runs an image as an app: a generated Deployment and, with --port, a Service (LoadBalancer with "
                + "--public), applied server-side, then waited for like `kubectl rollout status`.",
                "Prints progress, then `outcome <SUCCEEDED|ROLLED_BACK|FAILED|TIMED_OUT>`; exit code 0 only for SUCCEEDED."})
final class EksAppCommand extends CliCommand {

    @Mixin
    EksTarget target;

    @Option(names = "--namespace", required = true, paramLabel = "NS", description = "The app's namespace (made when missing).")
    String namespace;

    @Option(names = "--name", required = true, paramLabel = "APP", description = "The app's name (Deployment, Service, container).")
    String name;

    @Option(names = "--image", required = true, paramLabel = "REF", description = "The image to run.")
    String image;

    @Option(names = "--port", paramLabel = "P", showDefaultValue = Visibility.NEVER, description = "A container port the Service exposes; repeatable.")
    List<Integer> ports = List.of();

    @Option(names = "--replicas", paramLabel = "N", defaultValue = "1", description = "How many pods.")
    int replicas;

    @Option(names = "--cpu", paramLabel = "Q", description = "CPU request, such as 250m.")
    String cpu;

    @Option(names = "--memory", paramLabel = "Q", description = "Memory request and limit, such as 512Mi.")
    String memory;

    @Option(names = "--public", description = "A LoadBalancer Service reachable from the internet.")
    boolean publicService;

    @Option(names = "--rollback-on-failure", description = "Roll back to the previous revision when the update fails.")
    boolean rollbackOnFailure;

    @Option(names = "--poll-interval", paramLabel = "DURATION", defaultValue = "2s", description = "How often to read the status.")
    Duration pollInterval;

    @Mixin
    TimeoutOption timeout;

    @Mixin
    AwsOptions aws;

    @Mixin
    PlatformCheckOption platformCheck;

    @Override
    public Integer call() {
        if (!target.given()) {
            throw usageError("--cluster or --kubeconfig is needed");
        }
        EksAppSpec app;
        try {
            EksAppSpec.Builder builder = EksAppSpec.of(namespace, name).replicas(replicas).publicService(publicService);
            ports.forEach(builder::port);
            if (cpu != null) {
                builder.cpu(cpu);
            }
            if (memory != null) {
                builder.memory(memory);
            }
            app = builder.build();
        } catch (IllegalArgumentException e) {
            throw usageError(e.getMessage());
        }
        DeployOptions options = DeployOptions.builder().timeout(timeout.timeout).rollbackOnFailure(rollbackOnFailure)
                .listener(event -> out().println(event.message())).build();
        try (EksAws clients = new EksAws(aws); EksDeployer deployer = clients.deployer(target, pollInterval, platformCheck)) {
            return RolloutReport.print(out(), deployer.up(app, image, options));
        }
    }
}
