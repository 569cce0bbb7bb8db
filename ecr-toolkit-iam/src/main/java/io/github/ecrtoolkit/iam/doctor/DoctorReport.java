package io.github.ecrtoolkit.iam.doctor;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The doctor's findings, in the order checked; {@link #toString()} is the report to paste.
 *
 * @param findings one per check
 */
public record DoctorReport(List<Finding> findings) {

    public DoctorReport {
        findings = List.copyOf(findings);
    }

    /** Whether any check failed. */
    public boolean hasFailures() {
        return findings.stream().anyMatch(f -> f.status() == Finding.Status.FAIL);
    }

    /** The first finding on {@code topic}, e.g. {@code region}. */
    public Optional<Finding> finding(String topic) {
        return findings.stream().filter(f -> f.topic().equals(topic)).findFirst();
    }

    @Override
    public String toString() {
        return findings.stream().map(Finding::toString).collect(Collectors.joining("\n"));
    }
}
