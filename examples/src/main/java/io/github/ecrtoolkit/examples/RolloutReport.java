package io.github.ecrtoolkit.examples;

import java.io.PrintWriter;

import io.github.ecrtoolkit.eks.EksDeployResult;
import io.github.ecrtoolkit.eks.PodProblem;

/** How the EKS commands that wait for a rollout end: pod problems, the reason, then {@code outcome <…>}. */
final class RolloutReport {

    private RolloutReport() {
    }

    /** @return the exit code: 0 only for SUCCEEDED */
    static int print(PrintWriter out, EksDeployResult result) {
        for (PodProblem problem : result.podProblems()) {
            out.println("pod problem: " + problem);
        }
        result.reason().ifPresent(reason -> out.println("reason: " + reason));
        out.println("outcome " + result.outcome());
        return result.succeeded() ? 0 : ErrorReporter.FAILED;
    }
}
