package io.github.ecrtoolkit.core.dockerfile.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.github.ecrtoolkit.core.dockerfile.BaseImage;
import io.github.ecrtoolkit.core.dockerfile.BuildPlan;
import io.github.ecrtoolkit.core.dockerfile.Dockerfile;
import io.github.ecrtoolkit.core.dockerfile.DockerfileException;
import io.github.ecrtoolkit.core.dockerfile.Instruction;
import io.github.ecrtoolkit.core.image.ContainerConfig;
import io.github.ecrtoolkit.core.layer.DockerIgnore;
import io.github.ecrtoolkit.core.layer.LayerException;

/**
 * Splits a Dockerfile into global {@code ARG}s and stages, picks the stage to build, resolves its
 * {@code FROM} (following stages that start FROM an earlier stage back to an image or
 * {@code scratch}), and runs the instructions through {@link InstructionDispatcher}.
 */
public final class StagePlanner {

    /** Build arguments Docker accepts without an {@code ARG}. */
    static final Set<String> PREDEFINED_ARGS = Set.of("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "FTP_PROXY",
            "ftp_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy");

    private final Path context;
    private final Dockerfile dockerfile;
    private final DockerIgnore ignore;
    private final Map<String, String> buildArgs;
    private final String platform;
    private final Map<String, String> globalArgs = new LinkedHashMap<>();
    private final Set<String> declared = new HashSet<>();
    private final List<Stage> stages = new ArrayList<>();
    private final Stage stage;
    private final ShellLexer lexer;
    private final CopyWalks walks;

    /** A stage: its FROM and the instructions after it. */
    record Stage(Instruction from, List<Instruction> body, Optional<String> name) {
    }

    /**
     * @param walks the {@code COPY} layers the planners of this build's other platforms walked
     */
    public StagePlanner(Path context, Dockerfile dockerfile, DockerIgnore ignore, Map<String, String> buildArgs, String platform,
            Optional<String> target, CopyWalks walks) {
        this.walks = walks;
        this.context = context;
        this.dockerfile = dockerfile;
        this.ignore = ignore;
        this.buildArgs = buildArgs;
        this.platform = platform;
        this.lexer = new ShellLexer(dockerfile.escape());
        globalArgs.putAll(platformArgs(platform));
        split();
        this.stage = pick(target);
    }

    private void split() {
        Instruction from = null;
        List<Instruction> body = null;
        for (Instruction instruction : dockerfile.instructions()) {
            if (instruction.keyword().equals("FROM")) {
                if (from != null) {
                    stages.add(new Stage(from, body, stageName(from)));
                }
                from = instruction;
                body = new ArrayList<>();
            } else if (from == null) {
                if (!instruction.keyword().equals("ARG")) {
                    throw fail(instruction, instruction.keyword() + " comes before the first FROM",
                            "Only ARG may come before FROM; start the Dockerfile with FROM <image> or FROM scratch.");
                }
                declareGlobal(instruction);
            } else {
                body.add(instruction);
            }
        }
        if (from == null) {
            throw new DockerfileException(dockerfile.fileName(), 0, null, "there is no FROM instruction",
                    "Start the Dockerfile with FROM <image> or FROM scratch.");
        }
        stages.add(new Stage(from, body, stageName(from)));
    }

    private void declareGlobal(Instruction instruction) {
        try {
            for (String word : lexer.split(instruction.arguments())) {
                int eq = word.indexOf('=');
                String name = eq < 0 ? word : word.substring(0, eq);
                checkArgName(name);
                declared.add(name);
                if (buildArgs.containsKey(name)) {
                    globalArgs.put(name, buildArgs.get(name));
                } else if (eq >= 0) {
                    globalArgs.put(name, lexer.word(word.substring(eq + 1), globalArgs));
                }
            }
            if (instruction.arguments().isBlank()) {
                throw new IllegalArgumentException("ARG needs a name");
            }
        } catch (IllegalArgumentException e) {
            throw fail(instruction, e.getMessage(), "Write ARG NAME or ARG NAME=default.");
        }
    }

    private Optional<String> stageName(Instruction from) {
        List<String> words = lexer.split(from.arguments());
        if (words.size() == 3 && words.get(1).equalsIgnoreCase("AS")) {
            return Optional.of(words.get(2).toLowerCase(Locale.ROOT));
        }
        return Optional.empty();
    }

    private Stage pick(Optional<String> target) {
        if (target.isEmpty()) {
            return stages.get(stages.size() - 1);
        }
        String wanted = target.get().toLowerCase(Locale.ROOT);
        return stages.stream().filter(s -> s.name().filter(wanted::equals).isPresent()).findFirst()
                .orElseThrow(() -> new DockerfileException(dockerfile.fileName(), 0, null, "there is no stage named '" + target.get() + "'",
                        "Name a stage with FROM <image> AS " + target.get() + ", or build without a target."));
    }

    /** The FROM of the chosen stage, or of the first stage of its chain when it starts FROM an earlier stage. */
    public BaseImage base() {
        return from(chain().get(0));
    }

    /**
     * The stages to run, first to last: the chosen one, preceded by the earlier stages it starts
     * FROM (their results are only files and configuration, which this builder can chain).
     */
    private List<Stage> chain() {
        List<Stage> chain = new ArrayList<>();
        Stage current = stage;
        while (true) {
            chain.add(0, current);
            Optional<Stage> parent = earlierStageNamed(current, reference(current.from()));
            if (parent.isEmpty()) {
                return chain;
            }
            current = parent.get();
        }
    }

    private Optional<Stage> earlierStageNamed(Stage stageOf, String reference) {
        String name = reference.toLowerCase(Locale.ROOT);
        Optional<Stage> found = Optional.empty();
        for (Stage earlier : stages) {
            if (earlier == stageOf) {
                break;
            }
            if (earlier.name().filter(name::equals).isPresent()) {
                found = Optional.of(earlier); // a later stage of the same name shadows an earlier one
            }
        }
        return found;
    }

    private String reference(Instruction from) {
        try {
            List<String> words = lexer.fields(from.arguments(), globalArgs);
            if (words.isEmpty() || words.size() == 2 || words.size() > 3 || (words.size() == 3 && !words.get(1).equalsIgnoreCase("AS"))) {
                throw fail(from, "FROM needs an image, optionally followed by AS <name>", "Write FROM <image>[:tag] [AS name].");
            }
            String reference = words.get(0);
            if (reference.isEmpty()) {
                throw fail(from, "the base image is empty after substituting build arguments",
                        "Give the ARG it uses a default or pass it as a build argument.");
            }
            return reference;
        } catch (IllegalArgumentException e) {
            throw fail(from, e.getMessage(), null);
        }
    }

    private BaseImage from(Stage first) {
        Instruction from = first.from();
        try {
            for (String flag : from.flags().keySet()) {
                if (!flag.equals("platform")) {
                    throw fail(from, "FROM does not take --" + flag, "Only --platform is allowed on FROM.");
                }
            }
            String basePlatform = from.flag("platform").map(p -> lexer.word(p, globalArgs)).filter(p -> !p.isEmpty()).orElse(platform);
            return new BaseImage(reference(from), basePlatform, from.line());
        } catch (IllegalArgumentException e) {
            throw fail(from, e.getMessage(), null);
        }
    }

    /** Runs the chosen stage's instructions (after those of the stages it starts FROM) over {@code baseConfig}. */
    public BuildPlan plan(ContainerConfig baseConfig) {
        return plan(baseConfig, true);
    }

    /**
     * Runs every instruction as {@link #plan} does over an empty base configuration, finding each
     * COPY source but walking no folder: what {@link #plan} would refuse in the instructions, it
     * refuses here.
     */
    public void check() {
        plan(ContainerConfig.empty(), false);
    }

    private BuildPlan plan(ContainerConfig baseConfig, boolean walk) {
        List<Stage> chain = chain();
        BaseImage base = from(chain.get(0));
        ContainerConfig config = baseConfig;
        List<io.github.ecrtoolkit.core.layer.LayerSpec> layers = new ArrayList<>();
        List<BuildPlan.HistoryEntry> history = new ArrayList<>();
        Optional<String> author = Optional.empty();
        Set<String> declaredInStages = new HashSet<>();
        Map<String, String> args = Map.of();
        for (Stage current : chain) {
            InstructionDispatcher dispatcher = new InstructionDispatcher(context, dockerfile, ignore, lexer, config, buildArgs,
                    globalArgs, declared, walk, walks, this);
            for (String trigger : config.onBuild()) {
                dispatcher.dispatchTrigger(current.from(), trigger);
            }
            for (Instruction instruction : current.body()) {
                dispatcher.dispatch(instruction);
            }
            config = dispatcher.config();
            layers.addAll(dispatcher.layers());
            history.addAll(dispatcher.history());
            author = dispatcher.author().isPresent() ? dispatcher.author() : author;
            declaredInStages.addAll(dispatcher.declaredInStage());
            args = dispatcher.args();
        }
        Set<String> unused = new HashSet<>(buildArgs.keySet());
        unused.removeAll(declared);
        unused.removeAll(declaredInStages);
        unused.removeAll(PREDEFINED_ARGS);
        return new BuildPlan(base, layers, config, history, author, args, unused);
    }

    static void checkArgName(String name) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("'" + name + "' is not a valid build argument name");
        }
    }

    private static Map<String, String> platformArgs(String platform) {
        String[] parts = platform.split("/");
        Map<String, String> args = new HashMap<>();
        args.put("TARGETPLATFORM", platform);
        args.put("TARGETOS", parts[0]);
        args.put("TARGETARCH", parts.length > 1 ? parts[1] : "");
        args.put("TARGETVARIANT", parts.length > 2 ? parts[2] : "");
        // nothing runs at build time, so the build platform is the target platform: same output everywhere
        args.put("BUILDPLATFORM", platform);
        args.put("BUILDOS", parts[0]);
        args.put("BUILDARCH", parts.length > 1 ? parts[1] : "");
        args.put("BUILDVARIANT", parts.length > 2 ? parts[2] : "");
        return args;
    }

    private DockerfileException fail(Instruction instruction, String reason, String hint) {
        return new DockerfileException(dockerfile.fileName(), instruction.line(), instruction.text(), reason, hint);
    }

    static DockerfileException wrap(Dockerfile dockerfile, Instruction instruction, LayerException e) {
        return new DockerfileException(dockerfile.fileName(), instruction.line(), instruction.text(), e.getMessage(), null, e);
    }
}
