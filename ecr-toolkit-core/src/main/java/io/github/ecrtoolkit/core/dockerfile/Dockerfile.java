package io.github.ecrtoolkit.core.dockerfile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.ecrtoolkit.core.EcrToolkitException;
import io.github.ecrtoolkit.core.internal.ContextPaths;
import io.github.ecrtoolkit.core.dockerfile.internal.DockerfileParser;

/**
 * A parsed Dockerfile: parser directives and instructions with their line numbers. Parsing
 * follows Docker's rules (comments, line continuations, the {@code escape} directive, JSON exec
 * form, leading {@code --flags}, heredocs skipped over) and rejects unknown instructions.
 *
 * <pre>{@code
 * Dockerfile dockerfile = Dockerfile.parse(Path.of("orders-service/Dockerfile"));
 * dockerfile.instructions().forEach(i -> System.out.println(i.line() + " " + i.keyword()));
 * }</pre>
 *
 * <p>Immutable.
 */
public final class Dockerfile {

    private final String fileName;
    private final char escape;
    private final Map<String, String> directives;
    private final List<Instruction> instructions;

    private Dockerfile(String fileName, char escape, Map<String, String> directives, List<Instruction> instructions) {
        this.fileName = fileName;
        this.escape = escape;
        this.directives = Map.copyOf(directives);
        this.instructions = List.copyOf(instructions);
    }

    /**
     * Reads and parses a Dockerfile.
     *
     * @throws DockerfileException when the file is missing, unreadable or malformed
     */
    public static Dockerfile parse(Path file) {
        return parse(file, file.getFileName() == null ? file.toString() : file.getFileName().toString());
    }

    /**
     * Reads and parses a Dockerfile, naming it {@code name} in messages (e.g. its path relative
     * to the build context).
     *
     * @throws DockerfileException when the file is missing, unreadable or malformed
     */
    public static Dockerfile parse(Path file, String name) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), name);
        } catch (NoSuchFileException e) {
            throw new DockerfileException(EcrToolkitException.Reason.NOT_FOUND, file.toString(), 0, null,
                    "the Dockerfile does not exist",
                    "Add one to the context, name another with the builder's dockerfile option, or set the layers in code.", e);
        } catch (IOException e) {
            throw new DockerfileException(EcrToolkitException.Reason.FAILED, file.toString(), 0, null,
                    "cannot read the Dockerfile: " + e.getMessage(),
                    "Check the file's permissions and encoding (UTF-8).", e);
        }
    }

    /**
     * Reads and parses the Dockerfile {@code name} of build context {@code context} — only from
     * inside it: a name or symbolic link leading out of the context is refused without reading it.
     *
     * <pre>{@code
     * Dockerfile dockerfile = Dockerfile.read(Path.of("orders-service"), "Dockerfile");
     * }</pre>
     *
     * @throws DockerfileException when the file is missing, outside the context, unreadable or malformed
     */
    public static Dockerfile read(Path context, String name) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(name, "name");
        ContextPaths.escape(context, name).ifPresent(outside -> {
            throw new DockerfileException(EcrToolkitException.Reason.INVALID_INPUT, name, 0, null,
                    "the Dockerfile leads out of the build context " + context + " (to " + outside + "), so it is not read",
                    "Put the Dockerfile inside the context, as Docker requires, instead of a link or a path with '..'.", null);
        });
        return parse(context.resolve(name), name);
    }

    /**
     * Parses Dockerfile text.
     *
     * @param fileName the name used in error messages
     * @throws DockerfileException when the text is malformed or names an unknown instruction
     */
    public static Dockerfile parse(String content, String fileName) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(fileName, "fileName");
        DockerfileParser.Result result = new DockerfileParser(fileName).parse(content);
        return new Dockerfile(fileName, result.escape(), result.directives(), result.instructions());
    }

    /** The name used in messages, e.g. {@code Dockerfile}. */
    public String fileName() {
        return fileName;
    }

    /** The escape character: {@code \} unless {@code # escape=`} says otherwise. */
    public char escape() {
        return escape;
    }

    /** Parser directives by lower-case name, e.g. {@code syntax}, {@code escape}. */
    public Map<String, String> directives() {
        return directives;
    }

    public List<Instruction> instructions() {
        return instructions;
    }

    @Override
    public String toString() {
        return "Dockerfile[" + fileName + ", " + instructions.size() + " instructions]";
    }
}
