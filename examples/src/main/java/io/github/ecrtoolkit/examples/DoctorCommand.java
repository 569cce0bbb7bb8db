package io.github.ecrtoolkit.examples;

import java.util.ArrayList;
import java.util.List;

import io.github.ecrtoolkit.iam.doctor.Doctor;
import io.github.ecrtoolkit.iam.doctor.DoctorReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * {@code doctor}: one report to paste into a question — credentials, identity, region, clock,
 * registries, Docker Engine, and each capability's pre-flight. Prints no secret; exit code 1 when a
 * check failed.
 */
@Command(name = "doctor",
        description = {"One report to paste into a question: where the AWS credentials come from, account and principal, the region,",
                "the clock against AWS, each --registry (reachable? TLS?), the Docker Engine, and each capability's pre-flight.",
                "Prints no secret. Exit code 1 when a check failed."})
final class DoctorCommand extends CliCommand {

    @Mixin
    AwsClientsOptions clients;

    @Option(names = "--registry", paramLabel = "HOST[:PORT]", description = "A registry to probe (repeatable).")
    List<String> registries = new ArrayList<>();

    @Override
    public Integer call() {
        Doctor.Builder doctor = Doctor.builder().environment(env());
        clients.aws.region.given().ifPresent(region -> doctor.region(region.id()));
        registries.forEach(doctor::registry);
        DoctorReport report;
        try (StsClient sts = clients.sts(); IamClient iam = clients.iam()) {
            report = doctor.stsClient(sts).iamClient(iam).build().run();
        }
        out().println(report);
        return report.hasFailures() ? ErrorReporter.FAILED : 0;
    }
}
