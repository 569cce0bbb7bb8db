package io.github.ecrtoolkit.core.dockerfile;

import java.util.Objects;
import java.util.Optional;

import io.github.ecrtoolkit.core.EcrToolkitException;

/**
 * A Dockerfile cannot be parsed, or cannot be built without a Docker Engine. Carries the file,
 * the line, the instruction, why, and what to do instead.
 *
 * <pre>{@code
 * Dockerfile:7: RUN apt-get update: RUN executes a command inside the image, which needs a
 * container runtime. Build this Dockerfile with the Docker Engine builder (module ecr-toolkit-docker).
 * }</pre>
 */
public class DockerfileException extends EcrToolkitException {

    private static final long serialVersionUID = 1L;

    /** Hint for everything only a Docker Engine can build. */
    public static final String USE_DOCKER_ENGINE = "Build this Dockerfile with the Docker Engine builder (module ecr-toolkit-docker), "
            + "or remove the instruction.";

    private final String fileName;
    private final int line;
    private final String instruction;
    private final String reason;
    private final String hint;

    /**
     * @param fileName    the Dockerfile's name as the user knows it, e.g. {@code Dockerfile}
     * @param line        1-based line where the instruction starts, 0 when not about one line
     * @param instruction the instruction text, or {@code null}
     * @param reason      what is wrong
     * @param hint        what to do next, or {@code null}
     */
    public DockerfileException(String fileName, int line, String instruction, String reason, String hint) {
        this(fileName, line, instruction, reason, hint, null);
    }

    public DockerfileException(String fileName, int line, String instruction, String reason, String hint, Throwable cause) {
        super(message(fileName, line, instruction, reason, hint), cause);
        this.fileName = Objects.requireNonNull(fileName, "fileName");
        this.line = line;
        this.instruction = instruction;
        this.reason = Objects.requireNonNull(reason, "reason");
        this.hint = hint;
    }

    public String fileName() {
        return fileName;
    }

    /** 1-based line of the instruction; 0 when the problem is not about one line. */
    public int line() {
        return line;
    }

    public Optional<String> instruction() {
        return Optional.ofNullable(instruction);
    }

    public String reason() {
        return reason;
    }

    public Optional<String> hint() {
        return Optional.ofNullable(hint);
    }

    private static String message(String fileName, int line, String instruction, String reason, String hint) {
        StringBuilder m = new StringBuilder(fileName);
        if (line > 0) {
            m.append(':').append(line);
        }
        m.append(": ");
        if (instruction != null) {
            String shown = instruction.length() > 120 ? instruction.substring(0, 117) + "..." : instruction;
            m.append(shown).append(": ");
        }
        m.append(reason);
        if (hint != null) {
            m.append(reason.endsWith(".") ? " " : ". ").append(hint);
        }
        return m.toString();
    }
}
