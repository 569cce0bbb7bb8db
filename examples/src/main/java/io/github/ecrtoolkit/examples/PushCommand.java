package io.github.ecrtoolkit.examples;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.ecrtoolkit.core.EcrToolkitException;
import io.github.ecrtoolkit.core.ImageBuild;
import io.github.ecrtoolkit.core.PushResult;
import io.github.ecrtoolkit.core.Registry;
import io.github.ecrtoolkit.core.RegistryCredentials;
import io.github.ecrtoolkit.core.build.DaemonlessBuilder;
import io.github.ecrtoolkit.core.build.ImageBuilder;
import io.github.ecrtoolkit.core.image.EcrRegistryHost;
import io.github.ecrtoolkit.core.image.ImageReference;
import io.github.ecrtoolkit.docker.DockerEngineBuilder;
import software.amazon.awssdk.regions.Region;

/**
 * {@code push --context DIR --image REF [--insecure-registry] [--platform P] [--create-repository] [--ecr REGION]
 * [--builder docker|daemonless]}:
 * builds a folder and pushes it, with a progress bar; the last line is {@code pushed <ref>@<digest>}.
 *
 * <p>An ECR host in REF (or {@code --ecr REGION} with REF {@code repository:tag}) uses the AWS default
 * credential chain; any other registry reads {@code REGISTRY_USERNAME}/{@code REGISTRY_PASSWORD}, else
 * the {@code auths} of {@code ~/.docker/config.json}, else pushes anonymously.
 */
final class PushCommand implements Cli.Command {

    static final String USAGE = "usage: push --context DIR --image REF [--insecure-registry] [--platform os/arch] "
            + "[--create-repository] [--ecr REGION] [--builder docker|daemonless]";

    private final Map<String, String> env;

    /** @param env where {@code REGISTRY_USERNAME}, {@code REGISTRY_PASSWORD} and {@code DOCKER_CONFIG} are read */
    PushCommand(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        Path context = null;
        String image = null;
        String platform = null;
        String ecrRegion = null;
        boolean insecure = false;
        boolean createRepository = false;
        ImageBuilder builder = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--context" -> context = Path.of(Arguments.value(args, ++i, arg));
                    case "--image" -> image = Arguments.value(args, ++i, arg);
                    case "--platform" -> platform = Arguments.value(args, ++i, arg);
                    case "--ecr" -> ecrRegion = Arguments.value(args, ++i, arg);
                    case "--insecure-registry" -> insecure = true;
                    case "--create-repository" -> createRepository = true;
                    case "--builder" -> builder = builder(Arguments.value(args, ++i, arg));
                    case "-h", "--help" -> {
                        out.println(USAGE);
                        return 0;
                    }
                    default -> {
                        err.println("unknown option " + args[i]);
                        err.println(USAGE);
                        return 2;
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        if (context == null || image == null) {
            err.println(USAGE);
            return 2;
        }
        try (Registry registry = open(image, ecrRegion, insecure)) {
            ImageBuild build = registry.build(context).tag(image).listener(new ConsoleProgress(err, System.console() != null));
            if (platform != null) {
                build.platform(platform);
            }
            if (createRepository) {
                build.createRepository();
            }
            if (builder != null) {
                build.builder(builder);
            }
            PushResult result = build.push();
            err.println();
            for (String uri : result.imageUris()) {
                out.println("pushed " + uri);
            }
            return 0;
        } catch (EcrToolkitException e) {
            err.println();
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private Registry open(String image, String ecrRegion, boolean insecure) {
        if (ecrRegion != null) {
            return Registry.builder().ecr(Region.of(ecrRegion)).allowInsecureLoopback(insecure).build();
        }
        ImageReference ref = ImageReference.parse(image, "");
        if (ref.registry().isEmpty()) {
            throw new EcrToolkitException("--image " + image + " names no registry; write host[:port]/repository:tag, or add --ecr REGION");
        }
        Optional<EcrRegistryHost> ecr = ref.ecr();
        if (ecr.isPresent()) {
            return Registry.builder().ecr(Region.of(ecr.get().region())).allowInsecureLoopback(insecure).build();
        }
        return Registry.builder().host(ref.registry()).credentials(credentials(ref.registry(), env))
                .allowInsecureLoopback(insecure).build();
    }

    /** From the environment, else the Docker config file, else anonymous. */
    static RegistryCredentials credentials(String host, Map<String, String> env) {
        String user = env.get("REGISTRY_USERNAME");
        String password = env.get("REGISTRY_PASSWORD");
        if (user != null && !user.isEmpty() && password != null) {
            return RegistryCredentials.basic(user, password);
        }
        Path dockerConfig = Path.of(env.getOrDefault("DOCKER_CONFIG", System.getProperty("user.home") + "/.docker"), "config.json");
        if (Files.isRegularFile(dockerConfig)) {
            try {
                JsonNode auth = new ObjectMapper().readTree(dockerConfig.toFile()).path("auths").path(host).path("auth");
                if (auth.isTextual()) {
                    String decoded = new String(Base64.getDecoder().decode(auth.asText()), StandardCharsets.UTF_8);
                    int colon = decoded.indexOf(':');
                    if (colon > 0) {
                        return RegistryCredentials.basic(decoded.substring(0, colon), decoded.substring(colon + 1));
                    }
                }
            } catch (java.io.IOException | IllegalArgumentException e) {
                throw new EcrToolkitException("cannot read " + dockerConfig + ": " + e.getClass().getSimpleName());
            }
        }
        return RegistryCredentials.anonymous();
    }

    /**
     * {@code docker}: a Docker Engine from {@code DOCKER_HOST}; {@code daemonless}: no engine.
     * Without the option: daemonless when the Dockerfile allows it, else the engine when one answers.
     */
    private static ImageBuilder builder(String name) {
        return switch (name) {
            case "docker" -> new DockerEngineBuilder();
            case "daemonless" -> new DaemonlessBuilder();
            default -> throw new IllegalArgumentException("--builder " + name + " is unknown; use docker or daemonless");
        };
    }
}
