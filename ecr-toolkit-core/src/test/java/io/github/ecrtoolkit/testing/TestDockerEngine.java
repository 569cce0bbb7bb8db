package io.github.ecrtoolkit.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Docker Engine (started by {@code scripts/test-services.sh} when none was running), and
 * its command-line client as an independent check of what the library did.
 *
 * @param dockerHost e.g. {@code unix:///var/run/docker.sock}
 */
public record TestDockerEngine(String dockerHost) {

    /** The Unix socket of the engine, when {@link #dockerHost()} is a {@code unix://} address. */
    public Path socket() {
        return Path.of(dockerHost.replaceFirst("^unix://", ""));
    }

    /**
     * Runs the {@code docker} CLI against this engine with a private config folder (so logins
     * made by one test do not leak into another) and returns what it printed.
     */
    public Commands.Result docker(Path configDir, String... args) {
        List<String> command = new ArrayList<>(List.of("docker", "--host", dockerHost, "--config", configDir.toString()));
        command.addAll(List.of(args));
        return Commands.run(Duration.ofMinutes(5), command);
    }
}
