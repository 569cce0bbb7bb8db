package io.github.ecrtoolkit.eks.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Merges one context (cluster, exec user, context) into a kubeconfig file the way
 * {@code aws eks update-kubeconfig} does: entries of the same name are replaced, every other entry
 * and field is kept as it was, the new context becomes current. The file is read and written as a
 * plain YAML tree, so fields this code does not know survive; the old file is copied to
 * {@code <file>.bak} first, and the new one replaces it in one move.
 */
public final class KubeconfigFile {

    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    /** What to merge: names, endpoint, CA and the exec command. */
    public record Entry(String name, String server, String caData, String command, List<String> args) {
    }

    private KubeconfigFile() {
    }

    /**
     * @return the backup written, empty when there was no file before
     * @throws IOException when the file cannot be read, parsed or written
     */
    public static Optional<Path> merge(Path file, Entry entry) throws IOException {
        Map<String, Object> config = new LinkedHashMap<>();
        Optional<Path> backup = Optional.empty();
        if (Files.exists(file)) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (!text.isBlank()) {
                Object parsed;
                try {
                    parsed = YAML.unmarshal(text, Map.class);
                } catch (RuntimeException e) {
                    throw new IOException("not a kubeconfig (YAML) file: " + file + ": " + e.getMessage(), e);
                }
                if (!(parsed instanceof Map<?, ?> map)) {
                    throw new IOException("not a kubeconfig file (no YAML mapping at the top): " + file);
                }
                map.forEach((k, v) -> config.put(String.valueOf(k), v));
            }
            Path bak = file.resolveSibling(file.getFileName() + ".bak");
            Files.copy(file, bak, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            backup = Optional.of(bak);
        }
        config.putIfAbsent("apiVersion", "v1");
        config.putIfAbsent("kind", "Config");
        config.putIfAbsent("preferences", new LinkedHashMap<>());
        put(config, "clusters", entry.name(), "cluster", Map.of("server", entry.server(),
                "certificate-authority-data", entry.caData()));
        Map<String, Object> exec = new LinkedHashMap<>();
        exec.put("apiVersion", "client.authentication.k8s.io/v1beta1");
        exec.put("command", entry.command());
        exec.put("args", entry.args());
        exec.put("interactiveMode", "Never");
        exec.put("provideClusterInfo", false);
        put(config, "users", entry.name(), "user", Map.of("exec", exec));
        put(config, "contexts", entry.name(), "context", Map.of("cluster", entry.name(), "user", entry.name()));
        config.put("current-context", entry.name());
        write(file, YAML.asYaml(config));
        return backup;
    }

    /** Replaces the named entry of a kubeconfig list, or appends it. */
    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> config, String list, String name, String field, Map<String, Object> value) {
        Object current = config.get(list);
        List<Object> items = current instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("name", name);
        item.put(field, new LinkedHashMap<>(value));
        boolean replaced = false;
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof Map<?, ?> m && name.equals(m.get("name"))) {
                items.set(i, item);
                replaced = true;
            }
        }
        if (!replaced) {
            items.add(item);
        }
        config.put(list, items);
    }

    private static void write(Path file, String yaml) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try {
                // the file names how to get credentials: keep it to its owner, as kubectl does
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the platform's defaults apply
            }
            Files.writeString(temp, yaml, StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
