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

    /** The instructions that take {@code --flags}; Docker refuses a flag on any other. */
    public static final Set<String> WITH_FLAGS = Set.of("ADD", "COPY", "FROM", "HEALTHCHECK", "RUN");
    /**
     * The instructions whose arguments may be a JSON array (Docker's parseMaybeJSON and
     * parseMaybeJSONToList); HEALTHCHECK's comes after its CMD.
     */
    private static final Set<String> JSON_FORMS = Set.of("ADD", "CMD", "COPY", "ENTRYPOINT", "HEALTHCHECK", "RUN", "SHELL",
            "VOLUME");
    private static final Set<String> NAME_VALUE_FORMS = Set.of("ENV", "LABEL");
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
        // Docker's rule: the escape character ends a line as continuation unless another escape
        // character precedes it ("a\\" is an escaped backslash), or when it is alone on its line
        String e = Pattern.quote(String.valueOf(escape));
        Pattern continuation = Pattern.compile("([^" + (escape == '\\' ? "\\\\" : "`") + "])" + e + "[ \t]*$|^" + e + "[ \t]*$");

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
                text.append(current, 0, cont.group(1) == null ? cont.start() : cont.start() + 1);
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
        if (instructions.isEmpty()) {
            throw new DockerfileException(fileName, 0, null, "the Dockerfile has no instructions",
                    "Start it with FROM <image> (or FROM scratch), then the instructions that build the image.");
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
        BuilderFlags builderFlags = BuilderFlags.extract(text.substring(space));
        String rest = builderFlags.rest();
        Map<String, String> flags = new LinkedHashMap<>();
        for (String flag : builderFlags.flags()) {
            int eq = flag.indexOf('=');
            String name = eq < 0 ? flag.substring(2) : flag.substring(2, eq);
            flags.put(name.toLowerCase(Locale.ROOT), eq < 0 ? "" : flag.substring(eq + 1));
        }
        Optional<List<String>> execForm = execForm(rest);
        String jsonPart = keyword.equals("HEALTHCHECK") ? rest.replaceFirst("^\\S+\\s*", "") : rest;
        if (JSON_FORMS.contains(keyword) && execForm(jsonPart).isEmpty() && JsonStringArray.isJsonArray(jsonPart)) {
            throw new DockerfileException(fileName, line, text, "when using JSON array syntax, arrays must be comprised of "
                    + "strings only", "Quote every element, e.g. " + keyword + " [\"echo\", \"nested\"], or use the shell form.");
        }
        if (NAME_VALUE_FORMS.contains(keyword)) {
            try {
                NameValues.parse(rest, keyword, new ShellLexer(escape));
            } catch (IllegalArgumentException e) {
                throw new DockerfileException(fileName, line, text, e.getMessage(),
                        "Write " + keyword + " KEY=value [KEY2=value2 ...], quoting values that hold spaces.");
            }
        }
        return new Instruction(line, keyword, flags, rest, execForm, text);
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
