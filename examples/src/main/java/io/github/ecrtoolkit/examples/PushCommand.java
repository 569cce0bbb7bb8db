package io.github.ecrtoolkit.examples;

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
import io.github.ecrtoolkit.core.event.ConsoleProgress;
import io.github.ecrtoolkit.core.image.EcrRegistryHost;
import io.github.ecrtoolkit.core.image.ImageReference;
import io.github.ecrtoolkit.docker.DockerEngineBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.EcrClientBuilder;

/**
 * {@code push}: builds a folder and pushes it, with a progress bar on stderr; the last line on
 * stdout is {@code pushed <ref>@<digest>}.
 *
 * <p>An ECR host in REF (or {@code --ecr} with REF {@code repository:tag}) uses the AWS default
 * credential chain; any other registry reads {@code REGISTRY_USERNAME}/{@code REGISTRY_PASSWORD}, else
 * the {@code auths} of {@code ~/.docker/config.json}, else pushes anonymously.
 */
@Command(name = "push",
        description = {"Builds a folder (its Dockerfile) into an image and pushes it; prints `pushed <ref>@<digest>` last.",
                "Credentials: AWS default chains for ECR; else REGISTRY_USERNAME/REGISTRY_PASSWORD, "
                        + "else ~/.docker/config.json, else anonymous."})
final class PushCommand extends CliCommand {

    @Option(names = "--context", required = true, paramLabel = "DIR", description = "The folder to build (with its Dockerfile).")
    Path context;

    @Option(names = "--image", required = true, paramLabel = "REF",
            description = "Where to push: host[:port]/repository:tag, or repository:tag with --ecr.")
    String image;

    @Option(names = "--ecr", paramLabel = "REGION", arity = "0..1", fallbackValue = "",
            description = "Push to the ECR registry of the current AWS account (REF is repository:tag); "
                    + "REGION defaults to --region, else the AWS default chain.")
    String ecr;

    @Option(names = "--insecure-registry", description = "Allow plain HTTP to a registry on loopback (127.0.0.1, localhost).")
    boolean insecure;

    @Option(names = "--platform", paramLabel = "OS/ARCH", description = "Platform of the image (default: linux/amd64).")
    String platform;

    @Option(names = "--create-repository", description = "Create the ECR repository when it is missing (ECR only).")
    boolean createRepository;

    @Option(names = "--builder", paramLabel = "docker|daemonless", converter = BuilderConverter.class,
            completionCandidates = BuilderConverter.Names.class,
            description = "How to build (default: daemonless when the Dockerfile allows it, "
                    + "else a Docker Engine from DOCKER_HOST when one answers).")
    ImageBuilder builder;

    @Mixin
    AwsOptions aws;

    @Override
    public Integer call() {
        Target target = target();
        ConsoleProgress progress = ConsoleProgress.builder().output(err()).build();
        // an ECR client of ours only for --endpoint; else the registry makes (and closes) its own
        try (EcrClient ecrClient = aws.endpoint().isPresent() ? target.ecrRegion().map(this::ecrClient).orElse(null) : null;
             Registry registry = open(target, ecrClient)) {
            ImageBuild build = registry.build(context).tag(image).listener(progress);
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
            progress.finish();
            for (String uri : result.imageUris()) {
                out().println("pushed " + uri);
            }
            return 0;
        } finally {
            progress.finish();
        }
    }

    /** Where REF points: an ECR region, or another registry's host. */
    private record Target(Optional<Region> ecrRegion, String host) {
    }

    private Target target() {
        if (ecr != null) {
            Region region = ecr.isEmpty() ? aws.region.resolve() : Region.of(ecr);
            aws.region.given().filter(r -> !r.equals(region)).ifPresent(r -> {
                throw usageError("--ecr " + ecr + " and --region " + r + " disagree; give one of them");
            });
            return new Target(Optional.of(region), null);
        }
        ImageReference ref = ImageReference.parse(image, "");
        if (ref.registry().isEmpty()) {
            throw new EcrToolkitException("--image " + image + " names no registry; write host[:port]/repository:tag, or add --ecr REGION");
        }
        Optional<EcrRegistryHost> ecrHost = ref.ecr();
        if (ecrHost.isPresent()) {
            Region region = Region.of(ecrHost.get().region());
            aws.region.given().filter(r -> !r.equals(region)).ifPresent(r -> {
                throw usageError("--image is in " + region + " but --region says " + r + "; drop --region");
            });
            return new Target(Optional.of(region), ref.registry());
        }
        if (createRepository) {
            throw usageError("--create-repository works with ECR only; " + ref.registry()
                    + " is not an ECR registry (create the repository there yourself, or drop the option)");
        }
        if (aws.region.given().isPresent() || aws.endpoint().isPresent()) {
            throw usageError("--region and --endpoint apply to ECR only; " + ref.registry() + " is not an ECR registry");
        }
        return new Target(Optional.empty(), ref.registry());
    }

    private Registry open(Target target, EcrClient ecrClient) {
        Registry.Builder registry = Registry.builder().allowInsecureLoopback(insecure);
        if (ecrClient != null) {
            return registry.ecr(ecrClient).build();
        }
        if (target.ecrRegion().isPresent()) {
            return registry.ecr(target.ecrRegion().get()).build();
        }
        return registry.host(target.host()).credentials(credentials(target.host(), env())).build();
    }

    private EcrClient ecrClient(Region region) {
        EcrClientBuilder client = EcrClient.builder().region(region).httpClientBuilder(Apache5HttpClient.builder());
        aws.endpoint().ifPresent(client::endpointOverride);
        return client.build();
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

    /** {@code docker}: a Docker Engine from {@code DOCKER_HOST}; {@code daemonless}: no engine. */
    static final class BuilderConverter implements ITypeConverter<ImageBuilder> {
        @Override
        public ImageBuilder convert(String name) {
            return switch (name) {
                case "docker" -> new DockerEngineBuilder();
                case "daemonless" -> new DaemonlessBuilder();
                default -> throw new TypeConversionException("--builder " + name + " is unknown; use docker or daemonless");
            };
        }

        /** For shell completion. */
        static final class Names extends java.util.ArrayList<String> {
            Names() {
                super(java.util.List.of("docker", "daemonless"));
            }
        }
    }
}
