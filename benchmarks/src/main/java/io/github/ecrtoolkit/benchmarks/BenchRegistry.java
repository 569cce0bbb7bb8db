package io.github.ecrtoolkit.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The Basic-auth test registry both tools push to, from the {@code ECRTK_*} variables. */
record BenchRegistry(String host, String username, String password) {

    private static final Path SERVICES_ENV = Path.of("/tmp/ecr-toolkit-test-services/env");

    /** Reads the environment, falling back to the file {@code scripts/test-services.sh} writes. */
    static BenchRegistry fromEnvironment() throws IOException {
        Map<String, String> vars = new HashMap<>();
        if (Files.isReadable(SERVICES_ENV)) {
            for (String line : Files.readAllLines(SERVICES_ENV)) {
                String l = line.startsWith("export ") ? line.substring(7) : line;
                int eq = l.indexOf('=');
                if (eq > 0) {
                    vars.put(l.substring(0, eq).trim(), l.substring(eq + 1).trim().replace("'", "").replace("\"", ""));
                }
            }
        }
        vars.putAll(System.getenv());
        String host = vars.get("ECRTK_REGISTRY");
        if (host == null) {
            throw new IllegalStateException(
                    "No test registry: run `scripts/test-services.sh start` (it sets ECRTK_REGISTRY and friends)");
        }
        return new BenchRegistry(host, vars.getOrDefault("ECRTK_REGISTRY_USERNAME", "AWS"),
                vars.getOrDefault("ECRTK_REGISTRY_PASSWORD", ""));
    }

    @Override
    public String toString() {
        return "BenchRegistry[" + host + ", user " + username + "]";
    }
}
