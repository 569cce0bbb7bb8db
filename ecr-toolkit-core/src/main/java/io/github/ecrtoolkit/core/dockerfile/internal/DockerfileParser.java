package io.github.ecrtoolkit.core.dockerfile.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.ecrtoolkit.core.dockerfile.DockerfileException;
import io.github.ecrtoolkit.core.dockerfile.Instruction;

/** Docker's Dockerfile grammar: directives, comments, continuations, flags, exec form, heredocs. */
public final class DockerfileParser {

    /** Every instruction Docker knows. */
    public static final Set<String> KEYWORDS = Set.of("ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM",
            "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR");

    private static final Set<String> WITH_FLAGS = Set.of("ADD", "COPY", "FROM", "HEALTHCHECK", "RUN");
    private static final Set<String> WITH_HEREDOCS = Set.of("ADD", "COPY", "RUN");
    private static final Set<String> DIRECTIVES = Set.of("escape", "syntax", "check");
    private static final Pattern DIRECTIVE = Pattern.compile("^#\\s*([a-zA-Z][a-zA-Z0-9_-]*)\\s*=\\s*(.+?)\\s*$");
    private static final Pattern HEREDOC = Pattern.compile("<<(-?)([\"']?)([A-Za-z_][A-Za-z0-9_]*)\\2");

    private final String fileName;

    public DockerfileParser(String fileName) {
        this.fileName = fileName;
    }

    /** What a parse yields. */
    public record Result(char escape, Map<String, String> directives, List<Instruction> instructions) {
    }

    public Result parse(String content) {
        if (content.startsWith("\uFEFF")) {
            content = content.substring(1);
        }
        String[] lines = content.split("\r?\n", -1);
        Map<String, String> directives = new LinkedHashMap<>();
        int i = 0;
        for (; i < lines.length; i++) {
            Matcher m = DIRECTIVE.matcher(lines[i]);
            if (!m.matches() || !DIRECTIVES.contains(m.group(1).toLowerCase(Locale.ROOT))) {
                break;
            }
            String name = m.group(1).toLowerCase(Locale.ROOT);
            if (directives.containsKey(name)) {
                throw new DockerfileException(fileName, i + 1, lines[i], "the parser directive '" + name + "' is given twice",
                        "Keep one.");
            }
            directives.put(name, m.group(2));
        }
        char escape = '\\';
        if (directives.containsKey("escape")) {
            String value = directives.get("escape");
            if (!value.equals("\\") && !value.equals("`")) {
                throw new DockerfileException(fileName, 1, "# escape=" + value, "the escape character must be \\ or `",
                        "Use '# escape=\\' or '# escape=`'.");
            }
            escape = value.charAt(0);
        }
        Pattern continuation = Pattern.compile(Pattern.quote(String.valueOf(escape)) + "[ \t]*$");

        List<Instruction> instructions = new ArrayList<>();
        while (i < lines.length) {
            String first = lines[i];
            String stripped = first.strip();
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                i++;
                continue;
            }
            int startLine = i + 1;
            StringBuilder text = new StringBuilder();
            String current = first.stripLeading();
            i++;
            while (true) {
                Matcher cont = continuation.matcher(current);
                if (!cont.find()) {
                    text.append(current);
                    break;
                }
                text.append(current, 0, cont.start());
                // skip comment and empty lines inside a continued instruction, as Docker does
                while (i < lines.length && (lines[i].strip().isEmpty() || lines[i].strip().startsWith("#"))) {
                    i++;
                }
                if (i >= lines.length) {
                    break;
                }
                current = lines[i];
                i++;
            }
            String joined = text.toString().strip();
            Instruction instruction = instruction(startLine, joined, escape);
            if (WITH_HEREDOCS.contains(instruction.keyword())) {
                i = skipHeredocs(instruction, lines, i);
            }
            instructions.add(instruction);
        }
        return new Result(escape, directives, instructions);
    }

    private Instruction instruction(int line, String text, char escape) {
        int space = 0;
        while (space < text.length() && !Character.isWhitespace(text.charAt(space))) {
            space++;
        }
        String word = text.substring(0, space);
        String keyword = word.toUpperCase(Locale.ROOT);
        if (!KEYWORDS.contains(keyword)) {
            throw new DockerfileException(fileName, line, text, "unknown instruction '" + word + "'",
                    "Docker knows " + String.join(", ", KEYWORDS.stream().sorted().toList())
                            + "; check the spelling, or whether a previous line misses a line continuation (" + escape + ")");
        }
        String rest = text.substring(space).strip();
        Map<String, String> flags = new LinkedHashMap<>();
        if (WITH_FLAGS.contains(keyword)) {
            while (rest.startsWith("--")) {
                int end = 0;
                while (end < rest.length() && !Character.isWhitespace(rest.charAt(end))) {
                    end++;
                }
                String flag = rest.substring(2, end);
                int eq = flag.indexOf('=');
                String name = eq < 0 ? flag : flag.substring(0, eq);
                if (name.isEmpty()) {
                    throw new DockerfileException(fileName, line, text, "'--' is not a flag", "Write flags as --name=value.");
                }
                flags.put(name.toLowerCase(Locale.ROOT), eq < 0 ? "" : flag.substring(eq + 1));
                rest = rest.substring(end).strip();
            }
        }
        return new Instruction(line, keyword, flags, rest, execForm(rest), text);
    }

    /** The arguments as a JSON string array, when they are one (else Docker takes the shell form). */
    public static Optional<List<String>> execForm(String arguments) {
        if (!arguments.startsWith("[") || !arguments.endsWith("]")) {
            return Optional.empty();
        }
        return JsonStringArray.parse(arguments);
    }

    private static int skipHeredocs(Instruction instruction, String[] lines, int next) {
        Matcher m = HEREDOC.matcher(instruction.arguments());
        int i = next;
        while (m.find()) {
            boolean stripTabs = !m.group(1).isEmpty();
            String terminator = m.group(3);
            while (i < lines.length) {
                String body = stripTabs ? lines[i].replaceFirst("^\t+", "") : lines[i];
                i++;
                if (body.equals(terminator)) {
                    break;
                }
            }
        }
        return i;
    }
}
