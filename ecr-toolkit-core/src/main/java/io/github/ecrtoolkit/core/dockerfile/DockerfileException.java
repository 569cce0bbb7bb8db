package io.github.ecrtoolkit.core.dockerfile;

import java.util.Objects;
import java.util.Optional;

import io.github.ecrtoolkit.core.EcrToolkitException;

/**
 * A Dockerfile cannot be parsed, or cannot be built without a Docker Engine. Carries the file,
 * the line, the instruction, why, and what to do instead. Its {@link #reason()} is
 * {@link Reason#UNSUPPORTED} when only a Docker Engine can build it, {@link Reason#NOT_FOUND} when
 * the file is missing, {@link Reason#INVALID_INPUT} when the text is wrong.
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
    private final String problem;
    private final String hint;

    /**
     * @param fileName    the Dockerfile's name as the user knows it, e.g. {@code Dockerfile}
     * @param line        1-based line where the instruction starts, 0 when not about one line
     * @param instruction the instruction text, or {@code null}
     * @param reason      what is wrong
     * @param hint        what to do next, or {@code null}
     */
    public DockerfileException(String fileName, int line, String instruction, String problem, String hint) {
        this(fileName, line, instruction, problem, hint, null);
    }

    /** As {@link #DockerfileException(String, int, String, String, String)}, with the cause. */
    public DockerfileException(String fileName, int line, String instruction, String problem, String hint, Throwable cause) {
        this(reasonFor(hint), fileName, line, instruction, problem, hint, cause);
    }

    /**
     * @param reason      what kind of failure it is, when the hint does not say (a missing or unreadable file)
     * @param fileName    the Dockerfile's name as the user knows it
     * @param line        1-based line where the instruction starts, 0 when not about one line
     * @param instruction the instruction text, or {@code null}
     * @param problem     what is wrong
     * @param hint        what to do next, or {@code null}
     * @param cause       the underlying failure, or {@code null}
     */
    public DockerfileException(Reason reason, String fileName, int line, String instruction, String problem, String hint,
            Throwable cause) {
        super(reason, message(fileName, line, instruction, problem, hint), cause);
        this.fileName = Objects.requireNonNull(fileName, "fileName");
        this.line = line;
        this.instruction = instruction;
        this.problem = Objects.requireNonNull(problem, "problem");
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

    /** What is wrong, without the file, line and hint (those are in the message). */
    public String problem() {
        return problem;
    }

    public Optional<String> hint() {
        return Optional.ofNullable(hint);
    }

    /** Only a Docker Engine can build what the hint sends there; everything else is a fix in the Dockerfile. */
    private static Reason reasonFor(String hint) {
        return hint != null && hint.endsWith(USE_DOCKER_ENGINE) ? Reason.UNSUPPORTED : Reason.INVALID_INPUT;
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
