package io.github.ecrtoolkit.examples;

import java.nio.file.Path;
import java.util.List;

import io.github.ecrtoolkit.core.Image;
import io.github.ecrtoolkit.core.ImageBuild;
import io.github.ecrtoolkit.core.event.ConsoleProgress;
import io.github.ecrtoolkit.docker.DockerEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code build}: builds a folder without a daemon and without a registry to push to, into a
 * {@code docker load} tarball, an OCI image layout, or straight into the Docker Engine.
 */
@Command(name = "build",
        description = {"Builds a folder (its Dockerfile) without a daemon and without pushing: into a docker-load tarball, "
                + "an OCI image layout, or the Docker Engine of DOCKER_HOST.",
                "Base images are read from their registry (credentials as for push)."})
final class BuildCommand extends CliCommand {

    /** Where the image goes. */
    enum Output { tar, oci, docker }

    @Option(names = "--context", required = true, paramLabel = "DIR", description = "The folder to build (with its Dockerfile).")
    Path context;

    @Option(names = "--tag", required = true, paramLabel = "NAME",
            description = "The image's name, e.g. app:dev or registry.example.com/app:1; repeatable.")
    List<String> tags;

    @Option(names = "--output", required = true, paramLabel = "tar|oci|docker",
            description = "tar: a docker-load tarball at --file; oci: an OCI image layout folder at --file; "
                    + "docker: loaded into the Docker Engine (DOCKER_HOST, else /var/run/docker.sock).")
    Output output;

    @Option(names = "--file", paramLabel = "PATH", description = "The tarball (tar) or folder (oci) to write.")
    Path file;

    @Option(names = "--platform", paramLabel = "OS/ARCH", description = "Platform of the image (default: linux/amd64).")
    String platform;

    @Option(names = "--insecure-registry", description = "Allow plain HTTP to a base image's registry on loopback.")
    boolean insecure;

    @Override
    public Integer call() {
        if (output != Output.docker && file == null) {
            throw usageError("--output " + output + " needs --file PATH");
        }
        if (output == Output.docker && file != null) {
            throw usageError("--file is for --output tar or oci; --output docker loads the image into the engine");
        }
        ImageBuild build = Image.options().allowInsecureLoopback(insecure)
                .baseImageCredentials(host -> PushCommand.credentials(host, env()))
                .build(context);
        tags.forEach(build::tag);
        if (platform != null) {
            build.platform(platform);
        }
        ConsoleProgress progress = ConsoleProgress.builder().output(err()).build();
        build.listener(progress);
        List<String> done;
        try {
            done = switch (output) {
                case tar -> List.of("wrote " + build.writeTarball(file));
                case oci -> List.of("wrote " + build.writeOciLayout(file));
                case docker -> load(build);
            };
        } finally {
            progress.finish();
        }
        done.forEach(out()::println);
        return 0;
    }

    private static List<String> load(ImageBuild build) {
        try (DockerEngine engine = DockerEngine.fromEnvironment()) {
            return build.loadInto(engine).stream().map(name -> "loaded " + name).toList();
        }
    }
}
