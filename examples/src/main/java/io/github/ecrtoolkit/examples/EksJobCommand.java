package io.github.ecrtoolkit.examples;

import java.time.Duration;
import java.util.List;

import io.github.ecrtoolkit.eks.EksDeployer;
import io.github.ecrtoolkit.eks.EksJobResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code eks job}: runs an image once as a Kubernetes Job and reports its exit code and log tail. */
@Command(name = "job",
        description = {"Runs an image once as a Job (no retries) and waits for it: prints its last log lines, then "
                + "`exit <code>` and `outcome <SUCCEEDED|FAILED|TIMED_OUT>`; exit code 0 only for SUCCEEDED.",
                "The command follows `--`: eks job ... -- bin/migrate --to 42"})
final class EksJobCommand extends CliCommand {

    @Mixin
    EksTarget target;

    @Option(names = "--namespace", required = true, paramLabel = "NS", description = "Where the Job runs (made when missing).")
    String namespace;

    @Option(names = "--image", required = true, paramLabel = "REF", description = "The image to run.")
    String image;

    @Option(names = "--name", paramLabel = "NAME", description = "The Job's name (default: job-<time>-<random>).")
    String name;

    @Option(names = "--memory", paramLabel = "Q", description = "Memory request and limit, such as 1Gi.")
    String memory;

    @Option(names = "--deadline", paramLabel = "DURATION", description = "Kubernetes kills the Job after this long.")
    Duration deadline;

    @Option(names = "--poll-interval", paramLabel = "DURATION", defaultValue = "2s", description = "How often to read the status.")
    Duration pollInterval;

    @Parameters(paramLabel = "CMD", description = "The command and its arguments (default: the image's).")
    List<String> command = List.of();

    @Mixin
    TimeoutOption timeout;

    @Mixin
    AwsOptions aws;

    @Override
    public Integer call() {
        if (!target.given()) {
            throw usageError("--cluster or --kubeconfig is needed");
        }
        try (EksAws clients = new EksAws(aws); EksDeployer deployer = clients.deployer(target, pollInterval)) {
            EksJobResult job = deployer.runJob(namespace, image, j -> {
                j.timeout(timeout.timeout).listener(event -> out().println(event.message()));
                if (name != null) {
                    j.name(name);
                }
                if (!command.isEmpty()) {
                    j.command(command.toArray(String[]::new));
                }
                if (memory != null) {
                    j.memory(memory);
                }
                if (deadline != null) {
                    j.activeDeadline(deadline);
                }
            });
            job.logTail().forEach(line -> out().println("log: " + line));
            job.reason().ifPresent(reason -> out().println("reason: " + reason + job.message().map(m -> " (" + m + ")").orElse("")));
            job.exitCode().ifPresent(code -> out().println("exit " + code));
            out().println("outcome " + job.outcome());
            return job.succeeded() ? 0 : ErrorReporter.FAILED;
        }
    }
}
