package io.github.ecrtoolkit.examples;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.ecrtoolkit.core.deploy.DeployOutcome;
import io.github.ecrtoolkit.core.permissions.Capability;
import io.github.ecrtoolkit.ecs.CpuArchitecture;
import io.github.ecrtoolkit.ecs.EcsPlan;
import io.github.ecrtoolkit.ecs.EcsServiceSpec;
import io.github.ecrtoolkit.ecs.EcsUpResult;
import io.github.ecrtoolkit.ecs.StoppedTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ecs up}: creates or updates a Fargate service from an image and waits for it; prints
 * progress, then {@code endpoint <url>} lines and {@code outcome <…>} last. With {@code --dry-run},
 * the plan, one line per change.
 */
@Command(name = "up",
        description = {"Creates what is missing (cluster, execution role, log group, security group, task definition, service),",
                "first checks that an image on ECR is built for --arch (--skip-platform-check not to);",
                "changes what differs, waits; prints progress, `endpoint <url>` lines, then `outcome <SUCCEEDED|ROLLED_BACK|FAILED|TIMED_OUT>`.",
                "Exit code 0 only for SUCCEEDED. With --dry-run: the plan, one line per change, and nothing changed."})
final class EcsUpCommand extends CliCommand {

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The service's name (also its task family).")
    String name;

    @Option(names = "--image", required = true, paramLabel = "REF", description = "The image to run.")
    String image;

    @Option(names = "--cluster", paramLabel = "NAME", defaultValue = "default", description = "The cluster; created when missing.")
    String cluster;

    @Option(names = "--cpu", paramLabel = "UNITS", defaultValue = "256", description = "Task cpu units (1024 = 1 vCPU).")
    int cpu;

    @Option(names = "--memory", paramLabel = "MIB", defaultValue = "512", description = "Task memory in MiB; must fit the cpu on Fargate.")
    int memory;

    @Option(names = "--arch", paramLabel = "ARCH", defaultValue = "x86_64", description = "x86_64 or arm64.")
    String arch;

    @Option(names = "--port", paramLabel = "PORT", showDefaultValue = Visibility.NEVER, description = "A container port; repeatable.")
    List<Integer> ports = List.of();

    @Option(names = "--count", paramLabel = "N", defaultValue = "1", description = "How many tasks run.")
    int count;

    @Option(names = "--env", paramLabel = "KEY=VALUE", showDefaultValue = Visibility.NEVER,
            description = "An environment variable of the container; repeatable.")
    Map<String, String> env = Map.of();

    @Option(names = "--public", description = "Open the ports to everyone on the security group created for the service.")
    boolean publicIngress;

    @Option(names = "--spot", description = "Run on Fargate Spot.")
    boolean spot;

    @Option(names = "--express", description = "An ECS Express Mode service: its own HTTPS load balancer and URL; one --port (default 80).")
    boolean express;

    @Option(names = "--health-check-path", paramLabel = "PATH", defaultValue = "/ping",
            description = "With --express: the path the load balancer checks, and that up waits to answer.")
    String healthCheckPath;

    @Option(names = "--target-group", paramLabel = "ARN", description = "A target group (type ip, behind a load balancer) the tasks "
            + "register in; the endpoint becomes the load balancer's.")
    String targetGroup;

    @Option(names = "--target-group-port", paramLabel = "PORT", description = "With --target-group and several --port: the container "
            + "port it sends traffic to (default the first).")
    Integer targetGroupPort;

    @Option(names = "--health-check-grace", paramLabel = "DURATION", description = "With --target-group: how long the load balancer's "
            + "failing health checks are ignored after a task starts, e.g. 2m (default 60s).")
    Duration healthCheckGrace;

    @Option(names = "--dry-run", description = "Print the plan, one line per change, and change nothing.")
    boolean dryRun;

    @Option(names = "--skip-preflight", description = "Do not ask IAM first whether every call up makes is allowed.")
    boolean skipPreflight;

    @Mixin
    EcsWaitOptions wait;

    @Mixin
    PlatformCheckOption platformCheck;

    @Override
    public Integer call() {
        EcsServiceSpec spec;
        try {
            EcsServiceSpec.Builder builder = express ? EcsServiceSpec.express(name).healthCheckPath(healthCheckPath)
                    : EcsServiceSpec.fargate(name);
            builder.cluster(cluster).cpu(cpu).memoryMiB(memory).architecture(architecture())
                    .ports(ports).desiredCount(count).environment(env).publicIngress(publicIngress).spot(spot);
            if (targetGroup != null) {
                if (targetGroupPort != null) {
                    builder.targetGroup(targetGroup, targetGroupPort);
                } else {
                    builder.targetGroup(targetGroup);
                }
            } else if (targetGroupPort != null) {
                throw usageError("--target-group-port needs --target-group");
            }
            if (healthCheckGrace != null) {
                builder.healthCheckGracePeriod(healthCheckGrace);
            }
            spec = builder.build();
        } catch (IllegalArgumentException e) {
            throw usageError(e.getMessage());
        }
        try (EcsSession session = wait.open(out(), platformCheck)) {
            if (!skipPreflight && !session.preflight(express ? Capability.EXPRESS : Capability.ECS_UP, cluster, name, out(), err())) {
                return ErrorReporter.FAILED;
            }
            if (dryRun) {
                EcsPlan plan = session.services().plan(spec, image);
                plan.changes().forEach(change -> out().println(change.describe()));
                return 0;
            }
            EcsUpResult up = session.services().up(spec, image);
            for (StoppedTask task : up.stoppedTasks()) {
                out().println("stopped: " + task.describe());
            }
            up.reason().ifPresent(reason -> out().println("reason: " + reason));
            for (URI endpoint : up.endpoints()) {
                out().println("endpoint " + endpoint);
            }
            out().println("outcome " + up.outcome());
            return up.outcome() == DeployOutcome.SUCCEEDED ? 0 : ErrorReporter.FAILED;
        }
    }

    private CpuArchitecture architecture() {
        return switch (arch.toLowerCase(Locale.ROOT)) {
            case "x86_64", "amd64" -> CpuArchitecture.X86_64;
            case "arm64", "aarch64" -> CpuArchitecture.ARM64;
            default -> throw usageError("--arch is x86_64 or arm64, not " + arch);
        };
    }
}
