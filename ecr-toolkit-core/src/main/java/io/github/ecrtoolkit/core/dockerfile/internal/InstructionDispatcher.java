package io.github.ecrtoolkit.core.dockerfile.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.ecrtoolkit.core.dockerfile.BuildPlan;
import io.github.ecrtoolkit.core.dockerfile.Dockerfile;
import io.github.ecrtoolkit.core.dockerfile.DockerfileException;
import io.github.ecrtoolkit.core.dockerfile.Instruction;
import io.github.ecrtoolkit.core.image.ContainerConfig;
import io.github.ecrtoolkit.core.layer.DockerIgnore;
import io.github.ecrtoolkit.core.layer.LayerException;
import io.github.ecrtoolkit.core.layer.LayerSpec;

/** Applies one stage's instructions, in order, to a container configuration and a list of layers. */
final class InstructionDispatcher {

    private static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");
    private static final Pattern GO_DURATION = Pattern.compile("([0-9]+(?:\\.[0-9]*)?)(ns|us|µs|ms|s|m|h)");
    private static final Pattern SIGNAL = Pattern.compile("(SIG)?[A-Z][A-Z0-9+-]*|[0-9]+");

    private final Dockerfile dockerfile;
    private final ShellLexer lexer;
    private final Map<String, String> buildArgs;
    private final Map<String, String> globalArgs;
    private final Set<String> declaredGlobally;
    private final Set<String> declaredInStage = new HashSet<>();
    private final Map<String, String> args = new LinkedHashMap<>();
    private final ContainerConfig.Builder config;
    private final CopyPlanner copies;
    private final List<LayerSpec> layers = new ArrayList<>();
    private final List<BuildPlan.HistoryEntry> history = new ArrayList<>();
    /** False to check the instructions only: COPY sources are found but folders are not walked, no layer is made. */
    private final boolean walk;
    private List<String> shell;
    private String workingDir;
    private boolean cmdSet;
    private String author;

    InstructionDispatcher(Path context, Dockerfile dockerfile, DockerIgnore ignore, ShellLexer lexer, ContainerConfig base,
            Map<String, String> buildArgs, Map<String, String> globalArgs, Set<String> declaredGlobally, boolean walk, CopyWalks walks,
            Object planner) {
        this.dockerfile = dockerfile;
        this.walk = walk;
        this.lexer = lexer;
        this.buildArgs = buildArgs;
        this.globalArgs = globalArgs;
        this.declaredGlobally = declaredGlobally;
        // a build consumes the base's ONBUILD triggers; they are not inherited
        this.config = base.toBuilder().onBuild(List.of());
        this.shell = base.shell().orElse(DEFAULT_SHELL);
        this.workingDir = base.workingDir().orElse(null);
        this.copies = new CopyPlanner(context, ignore, lexer, walks, planner);
        if (workingDir != null) {
            copies.knownDirectory(workingDir);
        }
    }

    /** Runs a trigger a base image recorded with ONBUILD, reported at the FROM line. */
    void dispatchTrigger(Instruction from, String trigger) {
        Instruction parsed;
        try {
            List<Instruction> list = new DockerfileParser(dockerfile.fileName()).parse(trigger).instructions();
            parsed = list.get(0);
        } catch (DockerfileException | IndexOutOfBoundsException e) {
            throw fail(from, "the base image's ONBUILD trigger '" + trigger + "' cannot be parsed", DockerfileException.USE_DOCKER_ENGINE);
        }
        Instruction atFrom = new Instruction(from.line(), parsed.keyword(), parsed.flags(), parsed.arguments(), parsed.execForm(),
                "ONBUILD " + parsed.text() + " (trigger of the base image)");
        dispatch(atFrom);
    }

    void dispatch(Instruction i) {
        try {
            if (!i.flags().isEmpty() && !DockerfileParser.WITH_FLAGS.contains(i.keyword())) {
                String flag = i.flags().keySet().iterator().next();
                throw fail(i, i.keyword() + " takes no flags, and Docker refuses it (unknown flag: " + flag + ")",
                        "Remove --" + flag + ", or end the flags with -- when the arguments start with --: " + i.keyword() + " -- --"
                                + flag);
            }
            switch (i.keyword()) {
                case "ARG" -> arg(i);
                case "ENV" -> env(i);
                case "LABEL" -> label(i);
                case "MAINTAINER" -> maintainer(i);
                case "WORKDIR" -> workdir(i);
                case "USER" -> user(i);
                case "EXPOSE" -> expose(i);
                case "VOLUME" -> volume(i);
                case "STOPSIGNAL" -> stopSignal(i);
                case "ENTRYPOINT" -> entrypoint(i);
                case "CMD" -> cmd(i);
                case "SHELL" -> shell(i);
                case "HEALTHCHECK" -> healthcheck(i);
                case "ONBUILD" -> onBuild(i);
                case "COPY", "ADD" -> copy(i);
                case "RUN" -> throw fail(i, "RUN executes a command inside the image, which needs a container runtime; "
                        + "the daemonless builder only assembles files and configuration", DockerfileException.USE_DOCKER_ENGINE);
                default -> throw fail(i, i.keyword() + " is not supported here", DockerfileException.USE_DOCKER_ENGINE);
            }
        } catch (LayerException e) {
            throw StagePlanner.wrap(dockerfile, i, e);
        } catch (IllegalArgumentException e) {
            throw fail(i, e.getMessage(), null);
        }
    }

    List<LayerSpec> layers() {
        return layers;
    }

    ContainerConfig config() {
        return config.build();
    }

    List<BuildPlan.HistoryEntry> history() {
        return history;
    }

    Optional<String> author() {
        return Optional.ofNullable(author);
    }

    Map<String, String> args() {
        return args;
    }

    Set<String> declaredInStage() {
        return declaredInStage;
    }

    // ---- instructions ----

    private void arg(Instruction i) {
        List<String> words = lexer.split(i.arguments());
        if (words.isEmpty()) {
            throw fail(i, "ARG needs a name", "Write ARG NAME or ARG NAME=default.");
        }
        for (String word : words) {
            int eq = word.indexOf('=');
            String name = eq < 0 ? word : word.substring(0, eq);
            StagePlanner.checkArgName(name);
            declaredInStage.add(name);
            if (buildArgs.containsKey(name)) {
                args.put(name, buildArgs.get(name));
            } else if (eq >= 0) {
                args.put(name, lexer.word(word.substring(eq + 1), variables()));
            } else if (globalArgs.containsKey(name) && (declaredGlobally.contains(name) || isPlatformArg(name))) {
                args.put(name, globalArgs.get(name));
            }
        }
    }

    private static boolean isPlatformArg(String name) {
        return name.startsWith("TARGET") || name.startsWith("BUILD");
    }

    private void env(Instruction i) {
        Map<String, String> pairs = pairs(i, "ENV");
        pairs.forEach(config::env);
        record(i, true);
    }

    private void label(Instruction i) {
        pairs(i, "LABEL").forEach(config::label);
        record(i, true);
    }

    private void maintainer(Instruction i) {
        if (i.arguments().isBlank()) {
            throw fail(i, "MAINTAINER needs a name", null);
        }
        author = i.arguments();
        record(i, true);
    }

    private void workdir(Instruction i) {
        String dir = lexer.word(i.arguments(), variables());
        if (dir.isBlank()) {
            throw fail(i, "WORKDIR needs a path", "Write WORKDIR /app.");
        }
        workingDir = ContainerConfig.resolveWorkingDir(workingDir, dir);
        config.workingDir(workingDir);
        copies.knownDirectory(workingDir);
        record(i, true);
    }

    private void user(Instruction i) {
        String user = lexer.word(i.arguments(), variables());
        if (user.isBlank()) {
            throw fail(i, "USER needs a user name or id", "Write USER 1000 or USER app[:group].");
        }
        config.user(user);
        record(i, true);
    }

    private void expose(Instruction i) {
        List<String> ports = new ArrayList<>();
        for (String field : lexer.fields(i.arguments(), variables())) {
            // as Docker: an expanded value splits at spaces, so ARG PORTS="80 443" + EXPOSE $PORTS exposes both
            for (String port : field.split(" ")) {
                if (!port.isEmpty()) {
                    ports.add(port);
                }
            }
        }
        if (ports.isEmpty()) {
            throw fail(i, "EXPOSE needs a port", "Write EXPOSE 8080 or EXPOSE 53/udp.");
        }
        for (String port : ports) {
            for (String one : expandRange(port)) {
                config.exposedPort(one);
            }
        }
        record(i, true);
    }

    private static List<String> expandRange(String port) {
        int slash = port.indexOf('/');
        String numbers = slash < 0 ? port : port.substring(0, slash);
        String protocol = slash < 0 ? "" : port.substring(slash);
        int dash = numbers.indexOf('-');
        if (dash < 0) {
            return List.of(port);
        }
        try {
            int from = Integer.parseInt(numbers.substring(0, dash));
            int to = Integer.parseInt(numbers.substring(dash + 1));
            if (from > to || to > 65535) {
                throw new NumberFormatException();
            }
            List<String> all = new ArrayList<>();
            for (int p = from; p <= to; p++) {
                all.add(p + protocol);
            }
            return all;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + port + "' is not a port range: write START-END[/protocol] with START <= END <= 65535");
        }
    }

    private void volume(Instruction i) {
        List<String> paths = i.execForm().map(list -> list.stream().map(p -> lexer.word(p, variables())).toList())
                .orElseGet(() -> lexer.fields(i.arguments(), variables()));
        if (paths.isEmpty() || paths.stream().anyMatch(String::isBlank)) {
            throw fail(i, "VOLUME needs one or more non-empty paths", "Write VOLUME /data or VOLUME [\"/data\"].");
        }
        paths.forEach(config::volume);
        record(i, true);
    }

    private void stopSignal(Instruction i) {
        String signal = lexer.word(i.arguments(), variables());
        if (!SIGNAL.matcher(signal).matches()) {
            throw fail(i, "'" + signal + "' is not a signal", "Write STOPSIGNAL SIGTERM, SIGINT, SIGQUIT or a number.");
        }
        config.stopSignal(signal);
        record(i, true);
    }

    private void entrypoint(Instruction i) {
        config.entrypoint(command(i));
        if (!cmdSet) {
            config.cmd(null); // Docker: an ENTRYPOINT clears a CMD inherited from the base image
        }
        record(i, true);
    }

    private void cmd(Instruction i) {
        config.cmd(command(i));
        cmdSet = true;
        record(i, true);
    }

    private List<String> command(Instruction i) {
        if (i.execForm().isPresent()) {
            return i.execForm().get();
        }
        if (i.arguments().isBlank()) {
            // "CMD" alone: Docker keeps an empty shell command
            return List.of();
        }
        List<String> command = new ArrayList<>(shell);
        command.add(i.arguments());
        return command;
    }

    private void shell(Instruction i) {
        List<String> newShell = i.execForm().orElseThrow(() -> fail(i, "SHELL must be written as a JSON array",
                "Write SHELL [\"/bin/bash\", \"-c\"]."));
        if (newShell.isEmpty()) {
            throw fail(i, "SHELL needs at least the program", "Write SHELL [\"/bin/bash\", \"-c\"].");
        }
        shell = newShell;
        config.shell(newShell);
        record(i, true);
    }

    private void healthcheck(Instruction i) {
        String rest = i.arguments();
        String first = rest.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
        if (first.equals("NONE")) {
            if (!i.flags().isEmpty() || !rest.strip().equalsIgnoreCase("NONE")) {
                throw fail(i, "HEALTHCHECK NONE takes no options or arguments", "Write HEALTHCHECK NONE.");
            }
            config.healthcheck(ContainerConfig.Healthcheck.none());
            record(i, true);
            return;
        }
        if (!first.equals("CMD")) {
            throw fail(i, "HEALTHCHECK needs NONE or CMD <command>", "Write HEALTHCHECK --interval=30s CMD curl -f http://localhost/.");
        }
        Duration interval = Duration.ZERO;
        Duration timeout = Duration.ZERO;
        Duration startPeriod = Duration.ZERO;
        Duration startInterval = Duration.ZERO;
        int retries = 0;
        for (Map.Entry<String, String> flag : i.flags().entrySet()) {
            String value = flag.getValue();
            switch (flag.getKey()) {
                case "interval" -> interval = duration("--interval", value);
                case "timeout" -> timeout = duration("--timeout", value);
                case "start-period" -> startPeriod = duration("--start-period", value);
                case "start-interval" -> startInterval = duration("--start-interval", value);
                case "retries" -> {
                    try {
                        retries = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        retries = -1;
                    }
                    if (retries < 1) {
                        throw fail(i, "--retries must be a whole number of at least 1, was '" + value + "'", null);
                    }
                }
                default -> throw fail(i, "HEALTHCHECK does not take --" + flag.getKey(),
                        "Use --interval, --timeout, --start-period, --start-interval or --retries.");
            }
        }
        String command = rest.substring(3).strip();
        if (command.isEmpty()) {
            throw fail(i, "HEALTHCHECK CMD needs a command", null);
        }
        List<String> test = new ArrayList<>();
        Optional<List<String>> exec = DockerfileParser.execForm(command);
        if (exec.isPresent()) {
            test.add("CMD");
            test.addAll(exec.get());
        } else {
            test.add("CMD-SHELL");
            test.add(command);
        }
        config.healthcheck(ContainerConfig.Healthcheck.of(test, interval, timeout, startPeriod, startInterval, retries));
        record(i, true);
    }

    private static Duration duration(String flag, String value) {
        String text = value.strip();
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = GO_DURATION.matcher(text);
        long nanos = 0;
        int pos = 0;
        while (m.find() && m.start() == pos) {
            double amount = Double.parseDouble(m.group(1));
            long unit = switch (m.group(2)) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            nanos += (long) (amount * unit);
            pos = m.end();
        }
        if (text.isEmpty() || pos != text.length()) {
            throw new IllegalArgumentException(flag + " '" + value + "' is not a duration: write e.g. 30s, 1m30s or 500ms");
        }
        if (nanos != 0 && nanos < 1_000_000) {
            throw new IllegalArgumentException(flag + " must be 0 or at least 1ms, was " + value);
        }
        return Duration.ofNanos(nanos);
    }

    private void onBuild(Instruction i) {
        String trigger = i.arguments();
        String keyword = trigger.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
        if (keyword.isEmpty()) {
            throw fail(i, "ONBUILD needs an instruction", "Write ONBUILD COPY . /app.");
        }
        if (keyword.equals("ONBUILD") || keyword.equals("FROM") || keyword.equals("MAINTAINER")) {
            throw fail(i, "ONBUILD cannot trigger " + keyword, null);
        }
        if (!DockerfileParser.KEYWORDS.contains(keyword)) {
            throw fail(i, "ONBUILD triggers an unknown instruction '" + keyword + "'", null);
        }
        config.onBuild(keyword + trigger.substring(keyword.length()));
        record(i, true);
    }

    private void copy(Instruction i) {
        LayerSpec layer = copies.plan(i, variables(), workingDir, dockerfile, walk);
        if (layer != null) {
            layers.add(layer);
        }
        record(i, false);
    }

    // ---- helpers ----

    /** Variables for substitution: ARGs in scope, overridden by ENV (as Docker does). */
    private Map<String, String> variables() {
        Map<String, String> vars = new LinkedHashMap<>(args);
        vars.putAll(config.build().env());
        return vars;
    }

    /** {@code KEY=value ...} pairs, or the old {@code KEY value} form, with variables substituted. */
    private Map<String, String> pairs(Instruction i, String keyword) {
        Map<String, String> vars = variables();
        Map<String, String> pairs = new LinkedHashMap<>();
        for (NameValues.Pair pair : NameValues.parse(i.arguments(), keyword, lexer)) {
            String key = lexer.word(pair.name(), vars);
            if (key.isEmpty()) {
                throw fail(i, "'" + pair.name() + "=" + pair.value() + "' has no name",
                        "Quote values that hold spaces: " + keyword + " KEY=\"a b\".");
            }
            pairs.put(key, lexer.word(pair.value(), vars));
        }
        return pairs;
    }

    private void record(Instruction i, boolean emptyLayer) {
        history.add(new BuildPlan.HistoryEntry(i.text(), emptyLayer));
    }

    private DockerfileException fail(Instruction i, String reason, String hint) {
        return new DockerfileException(dockerfile.fileName(), i.line(), i.text(), reason, hint);
    }
}
