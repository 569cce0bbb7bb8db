package io.github.ecrtoolkit.core.dockerfile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One parsed Dockerfile instruction: keyword, leading {@code --flags}, and the rest, with the
 * line it starts on. Variables are not substituted yet (that depends on ARG and ENV at build time).
 *
 * @param line      1-based line where the instruction starts
 * @param keyword   upper-case keyword, e.g. {@code COPY}
 * @param flags     leading {@code --name=value} flags in order ({@code --link} alone maps to {@code ""})
 * @param arguments the rest of the instruction, continuation lines joined, trimmed
 * @param execForm  the arguments as a JSON array of strings when written that way
 * @param text      the instruction as written, continuation lines joined, for messages and history
 */
public record Instruction(int line, String keyword, Map<String, String> flags, String arguments,
        Optional<List<String>> execForm, String text) {

    public Instruction {
        Objects.requireNonNull(keyword, "keyword");
        flags = Collections.unmodifiableMap(new LinkedHashMap<>(flags)); // in the order written
        Objects.requireNonNull(arguments, "arguments");
        execForm = execForm.map(List::copyOf);
        Objects.requireNonNull(text, "text");
    }

    /** The value of {@code --name}, if given. */
    public Optional<String> flag(String name) {
        return Optional.ofNullable(flags.get(name));
    }

    @Override
    public String toString() {
        return line + ": " + text;
    }
}
