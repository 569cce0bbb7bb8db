package io.github.ecrtoolkit.docker;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A Dockerfile build failed on the engine. Carries the failing step (as the engine printed it,
 * e.g. {@code Step 3/5 : RUN make}), the engine's message, the command's exit code when a
 * {@code RUN} failed, and the last lines of output.
 */
public final class BuildFailedException extends DockerEngineException {

    private static final long serialVersionUID = 1L;

    private final String step;
    private final String engineMessage;
    private final Integer exitCode;
    private final List<String> outputTail;

    public BuildFailedException(String engine, String step, String engineMessage, OptionalInt exitCode,
            List<String> outputTail) {
        super(engine, message(step, engineMessage, exitCode, outputTail));
        this.step = step;
        this.engineMessage = engineMessage;
        this.exitCode = exitCode.isPresent() ? exitCode.getAsInt() : null;
        this.outputTail = List.copyOf(outputTail);
    }

    /** The step that failed, e.g. {@code Step 3/5 : RUN make}; empty when the build failed before its first step. */
    public Optional<String> step() {
        return Optional.ofNullable(step);
    }

    /** The engine's own words, e.g. {@code The command '/bin/sh -c make' returned a non-zero code: 2}. */
    public String engineMessage() {
        return engineMessage;
    }

    /** The exit code of the failed {@code RUN} command. */
    public OptionalInt exitCode() {
        return exitCode == null ? OptionalInt.empty() : OptionalInt.of(exitCode);
    }

    /** The last lines the build printed, oldest first. */
    public List<String> outputTail() {
        return outputTail;
    }

    private static String message(String step, String engineMessage, OptionalInt exitCode, List<String> tail) {
        StringBuilder text = new StringBuilder("Docker build failed");
        if (step != null) {
            text.append(" at ").append(step);
        }
        text.append(": ").append(engineMessage);
        if (exitCode.isPresent()) {
            text.append(" (exit code ").append(exitCode.getAsInt()).append(')');
        }
        if (!tail.isEmpty()) {
            text.append("\nLast output:\n  ").append(String.join("\n  ", tail));
        }
        text.append("\nFix the Dockerfile step (or its inputs) and build again.");
        return text.toString();
    }
}
