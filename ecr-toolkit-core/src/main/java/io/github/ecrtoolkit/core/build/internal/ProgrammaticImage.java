package io.github.ecrtoolkit.core.build.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.ecrtoolkit.core.event.ProgressListener;
import io.github.ecrtoolkit.core.image.ImageReference;
import io.github.ecrtoolkit.core.image.MediaTypes;
import io.github.ecrtoolkit.core.image.internal.JsonWriter;
import io.github.ecrtoolkit.core.image.Platform;
import io.github.ecrtoolkit.core.internal.Futures;
import io.github.ecrtoolkit.core.layer.LayerSpec;
import io.github.ecrtoolkit.core.registry.internal.RegistryClient;

/** An image set in code: a base (or scratch), layers from files, and config settings. */
public final class ProgrammaticImage {

    /** A layer's files; with a platform, only that platform's image gets it. */
    private record LayerInput(Path source, String target, Optional<Platform> platform) {

        // written out: the record's own bootstrap method handles on first use (60 classes of a short push)
        @Override
        public boolean equals(Object o) {
            return o instanceof LayerInput i && source.equals(i.source) && target.equals(i.target) && platform.equals(i.platform);
        }

        @Override
        public int hashCode() {
            return (31 * source.hashCode() + target.hashCode()) * 31 + platform.hashCode();
        }
    }

    private final Builder b;
    /** The spec of each layer input, walked once per build. */
    private final Map<LayerInput, LayerSpec> walked = new java.util.HashMap<>();

    private ProgrammaticImage(Builder b) {
        this.b = b;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Resolves the base, writes the layers into {@code workDir} and assembles the image.
     *
     * @throws io.github.ecrtoolkit.core.EcrToolkitException when the base is missing or a source cannot be read
     */
    public AssembledImage assemble(Function<String, RegistryClient> clients, Path workDir, ProgressListener listener) {
        return assemble(clients, workDir, listener, io.github.ecrtoolkit.core.cache.internal.LayerSettings.defaults());
    }

    /** {@link #assemble(Function, Path, ProgressListener)} with the given compression and layer cache. */
    public AssembledImage assemble(Function<String, RegistryClient> clients, Path workDir, ProgressListener listener,
                                   io.github.ecrtoolkit.core.cache.internal.LayerSettings layerSettings) {
        return assemble(b.platform, clients, workDir, listener, layerSettings).image();
    }

    /**
     * One image per platform of {@code platforms} and the index over them; the layers set without a
     * platform are written once and shared. Close the result.
     *
     * @throws io.github.ecrtoolkit.core.EcrToolkitException when the base lacks a platform or a source cannot be read
     */
    public IndexAssembly assembleIndex(List<Platform> platforms, Function<String, RegistryClient> clients, ProgressListener listener,
                                       io.github.ecrtoolkit.core.cache.internal.LayerSettings layerSettings) {
        checkLayerPlatforms(platforms);
        return PlatformBuilds.assemble(platforms, listener, (platform, dir, events) -> assemble(platform, clients, dir, events, layerSettings));
    }

    /**
     * Refuses a layer for a platform that is not built: it would silently be left out.
     *
     * @throws IllegalArgumentException naming the layer and the platforms built
     */
    public void checkLayerPlatforms(List<Platform> platforms) {
        for (LayerInput input : b.layers) {
            input.platform().filter(p -> platforms.stream().noneMatch(p::matches)).ifPresent(p -> {
                throw new IllegalArgumentException("the layer " + input.source().getFileName() + " -> " + input.target() + " is for " + p
                        + ", which is not built (platforms " + platforms + "); add " + p + " to platforms(..) or drop the layer");
            });
        }
    }

    private AssembledIndex.PlatformImage assemble(Platform platform, Function<String, RegistryClient> clients, Path workDir,
                                                  ProgressListener listener,
                                                  io.github.ecrtoolkit.core.cache.internal.LayerSettings layerSettings) {
        // the base is read from its registry while the sources are walked
        Supplier<Optional<ResolvedBase>> resolve = () -> b.base == null ? Optional.empty()
                : Optional.of(ResolvedBase.resolve(b.base, platform, clients.apply(b.base.registry())));
        CompletableFuture<Optional<ResolvedBase>> resolving = b.base != null && layerSettings.executor().isPresent()
                ? CompletableFuture.supplyAsync(resolve, layerSettings.executor().get()) : CompletableFuture.completedFuture(resolve.get());
        List<LayerInput> inputs = b.layers.stream()
                .filter(input -> input.platform().isEmpty() || input.platform().get().matches(platform)).toList();
        // a layer every platform gets is walked once: the other platforms take the same spec
        List<LayerInput> unwalked = inputs.stream().filter(input -> !walked.containsKey(input)).distinct().toList();
        List<LayerSpec> fresh = LayerWalks.walk(unwalked.stream().<Supplier<LayerSpec>>map(input -> () -> walk(input)).toList(),
                layerSettings.executor());
        for (int i = 0; i < unwalked.size(); i++) {
            walked.put(unwalked.get(i), fresh.get(i));
        }
        List<LayerSpec> specs = inputs.stream().map(walked::get).toList();
        Optional<ResolvedBase> base = Futures.join(resolving);
        List<ImageAssembler.History> history = new ArrayList<>(specs.stream()
                .map(spec -> new ImageAssembler.History(spec.description(), false)).toList());
        List<NewLayer> layers = LayerWriting.write(specs, base, workDir, listener, base.isPresent() ? layerSettings : layerSettings.withoutJson());
        for (String step : b.steps) {
            history.add(new ImageAssembler.History(step + " # ecr-toolkit", true));
        }
        java.time.Instant created = LayerWriting.created();
        if (base.isPresent()) {
            return new AssembledIndex.PlatformImage(base.get().platform().orElse(platform),
                    ImageAssembler.assemble(base, platform, layers, this::applyConfig, history, Optional.empty(), created));
        }
        // a scratch image's config is written without a JSON library: an image set in code then
        // loads none, changed layers or not (Jackson's classes were 0.16 s of a short push)
        return new AssembledIndex.PlatformImage(platform,
                AssembledImage.of(MediaTypes.OCI_MANIFEST, List.of(), layers, scratchConfig(platform, layers, history, created)));
    }

    private LayerSpec walk(LayerInput input) {
        // never an absolute path: the history is part of the digest, which must not depend on where the files are
        Path source = input.source();
        String shown = b.context != null && source.startsWith(b.context) ? b.context.relativize(source).toString()
                : String.valueOf(source.getFileName());
        LayerSpec.Builder spec = LayerSpec.builder().description("COPY " + (shown.isEmpty() ? "." : shown) + " " + input.target() + " # ecr-toolkit");
        if (b.context != null) {
            spec.context(b.context);
        }
        return spec.add(source, input.target()).build();
    }

    /**
     * The config of this image on scratch, byte for byte what {@link ImageAssembler} writes with
     * {@link #applyConfig} ({@code ScratchConfigTest} compares them for every setting).
     */
    byte[] scratchConfig(List<NewLayer> layers, List<ImageAssembler.History> history, java.time.Instant created) {
        return scratchConfig(b.platform, layers, history, created);
    }

    private byte[] scratchConfig(Platform platform, List<NewLayer> layers, List<ImageAssembler.History> history,
                                 java.time.Instant created) {
        return ScratchConfig.write(platform, Optional.empty(), created, this::writeContainerConfig, layers, history);
    }

    /** The {@code config} object {@link #applyConfig} makes over an empty one. */
    private void writeContainerConfig(JsonWriter w) {
        JsonWriter.Fields config = w.object();
        if (b.entrypoint != null) {
            config.name("Entrypoint").strings(b.entrypoint);
        }
        if (b.cmd != null) {
            config.name("Cmd").strings(b.cmd);
        }
        if (!b.env.isEmpty()) {
            config.name("Env").strings(b.env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        }
        if (b.user != null) {
            config.name("User").string(b.user);
        }
        if (b.workingDirectory != null) {
            config.name("WorkingDir").string(b.workingDirectory);
        }
        if (!b.ports.isEmpty()) {
            JsonWriter.Fields ports = config.name("ExposedPorts").object();
            b.ports.forEach(port -> ports.name(port).raw("{}"));
            ports.end();
        }
        if (!b.labels.isEmpty()) {
            JsonWriter.Fields labels = config.name("Labels").object();
            b.labels.forEach((key, value) -> labels.name(key).string(value));
            labels.end();
        }
        config.end();
    }

    /** The same config written by {@link ImageAssembler} with Jackson: what {@link #scratchConfig} must equal. */
    byte[] scratchConfigWithJackson(List<NewLayer> layers, List<ImageAssembler.History> history, java.time.Instant created) {
        return ImageAssembler.assemble(Optional.empty(), b.platform, layers, this::applyConfig, history, Optional.empty(), created)
                .configBytes();
    }

    private ObjectNode applyConfig(ObjectNode config) {
        if (b.entrypoint != null) {
            strings(config.putArray("Entrypoint"), b.entrypoint);
            if (b.cmd == null) {
                config.remove("Cmd"); // as in a Dockerfile: a new ENTRYPOINT drops the base's CMD
            }
        }
        if (b.cmd != null) {
            strings(config.putArray("Cmd"), b.cmd);
        }
        if (!b.env.isEmpty()) {
            Map<String, String> env = new LinkedHashMap<>();
            config.path("Env").forEach(e -> {
                String s = e.asText();
                int eq = s.indexOf('=');
                env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
            });
            env.putAll(b.env);
            ArrayNode array = config.putArray("Env");
            env.forEach((k, v) -> array.add(k + "=" + v));
        }
        if (b.user != null) {
            config.put("User", b.user);
        }
        if (b.workingDirectory != null) {
            config.put("WorkingDir", b.workingDirectory);
        }
        if (!b.ports.isEmpty()) {
            JsonNode existing = config.get("ExposedPorts");
            ObjectNode ports = existing instanceof ObjectNode o ? o : config.putObject("ExposedPorts");
            b.ports.forEach(p -> ports.putObject(p));
        }
        if (!b.labels.isEmpty()) {
            JsonNode existing = config.get("Labels");
            ObjectNode labels = existing instanceof ObjectNode o ? o : config.putObject("Labels");
            b.labels.forEach(labels::put);
        }
        return config;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    /** Not thread-safe. */
    public static final class Builder {
        private Path context;
        private ImageReference base;
        private Platform platform = Platform.DEFAULT;
        private final List<LayerInput> layers = new ArrayList<>();
        private List<String> entrypoint;
        private List<String> cmd;
        private final Map<String, String> env = new LinkedHashMap<>();
        private String user;
        private String workingDirectory;
        private final Set<String> ports = new LinkedHashSet<>();
        private final Map<String, String> labels = new LinkedHashMap<>();
        private final List<String> steps = new ArrayList<>();

        private Builder() {
        }

        public Builder context(Path value) {
            this.context = value == null ? null : value.toAbsolutePath().normalize();
            return this;
        }

        public Builder from(ImageReference value) {
            this.base = value;
            return this;
        }

        public Builder platform(Platform value) {
            this.platform = value;
            return this;
        }

        public Builder layer(Path source, String target) {
            layers.add(new LayerInput(source.toAbsolutePath().normalize(), target, Optional.empty()));
            return this;
        }

        /** A layer only {@code platform}'s image gets (a native library, a platform's binary). */
        public Builder layer(Platform platform, Path source, String target) {
            layers.add(new LayerInput(source.toAbsolutePath().normalize(), target, Optional.of(platform)));
            return this;
        }

        public Builder entrypoint(List<String> value) {
            this.entrypoint = List.copyOf(value);
            steps.add("ENTRYPOINT " + value);
            return this;
        }

        public Builder cmd(List<String> value) {
            this.cmd = List.copyOf(value);
            steps.add("CMD " + value);
            return this;
        }

        public Builder env(String name, String value) {
            if (name == null || name.isEmpty() || name.contains("=")) {
                throw new IllegalArgumentException("invalid environment variable name '" + name + "'");
            }
            env.put(name, value);
            steps.add("ENV " + name + "=" + value);
            return this;
        }

        public Builder user(String value) {
            this.user = value;
            steps.add("USER " + value);
            return this;
        }

        public Builder workingDirectory(String value) {
            if (!value.startsWith("/")) {
                throw new IllegalArgumentException("working directory must be absolute, was '" + value + "'");
            }
            this.workingDirectory = value;
            steps.add("WORKDIR " + value);
            return this;
        }

        public Builder exposedPort(String port) {
            String normalized = port.contains("/") ? port : port + "/tcp";
            if (!normalized.matches("\\d{1,5}/(tcp|udp|sctp)")) {
                throw new IllegalArgumentException("invalid port '" + port + "'; expected e.g. 8080 or 53/udp");
            }
            ports.add(normalized);
            steps.add("EXPOSE " + normalized);
            return this;
        }

        public Builder label(String name, String value) {
            labels.put(name, value);
            steps.add("LABEL " + name + "=" + value);
            return this;
        }

        /** Whether a base image is set: its manifest and config are then read as JSON. */
        public boolean hasBase() {
            return base != null;
        }

        public ProgrammaticImage build() {
            return new ProgrammaticImage(this);
        }
    }
}
