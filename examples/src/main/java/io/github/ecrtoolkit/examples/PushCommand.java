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
import io.github.ecrtoolkit.core.image.EcrRegistryHost;
import io.github.ecrtoolkit.core.image.ImageReference;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * {@code push --context DIR --image REF [--insecure-registry] [--platform P] [--create-repository] [--ecr REGION]}:
 * builds a folder and pushes it, with a progress bar; the last line is {@code pushed <ref>@<digest>}.
 *
 * <p>An ECR host in REF (or {@code --ecr REGION} with REF {@code repository:tag}) uses the AWS default
 * credential chain; any other registry reads {@code REGISTRY_USERNAME}/{@code REGISTRY_PASSWORD}, else
 * the {@code auths} of {@code ~/.docker/config.json}, else pushes anonymously.
 */
final class PushCommand implements Cli.Command {

    static final String USAGE = "usage: push --context DIR --image REF [--insecure-registry] [--platform os/arch] "
            + "[--create-repository] [--ecr REGION]";

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
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--context" -> context = Path.of(value(args, ++i));
                    case "--image" -> image = value(args, ++i);
                    case "--platform" -> platform = value(args, ++i);
                    case "--ecr" -> ecrRegion = value(args, ++i);
                    case "--insecure-registry" -> insecure = true;
                    case "--create-repository" -> createRepository = true;
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
            return Registry.builder().ecr(ecrClient(ecrRegion)).allowInsecureLoopback(insecure).build();
        }
        ImageReference ref = ImageReference.parse(image, "");
        if (ref.registry().isEmpty()) {
            throw new EcrToolkitException("--image " + image + " names no registry; write host[:port]/repository:tag, or add --ecr REGION");
        }
        Optional<EcrRegistryHost> ecr = ref.ecr();
        if (ecr.isPresent()) {
            return Registry.builder().ecr(ecrClient(ecr.get().region())).allowInsecureLoopback(insecure).build();
        }
        return Registry.builder().host(ref.registry()).credentials(credentials(ref.registry(), env))
                .allowInsecureLoopback(insecure).build();
    }

    private static EcrClient ecrClient(String region) {
        // built here, so Registry closes it with itself
        return EcrClient.builder().region(Region.of(region)).httpClientBuilder(Apache5HttpClient.builder()).build();
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

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value; " + USAGE);
        }
        return args[i];
    }
}
