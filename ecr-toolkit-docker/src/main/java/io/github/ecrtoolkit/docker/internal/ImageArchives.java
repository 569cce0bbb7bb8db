package io.github.ecrtoolkit.docker.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.FileEntity;

import io.github.ecrtoolkit.docker.DockerEngineException;
import io.github.ecrtoolkit.docker.ImageNotFoundException;
import io.github.ecrtoolkit.docker.internal.EngineHttp.EngineResponse;

/** Image tarballs in and out of the engine: {@code POST /images/load} and {@code GET /images/{name}/get}. */
public final class ImageArchives {

    private static final String LOADED = "Loaded image: ";
    private static final String LOADED_ID = "Loaded image ID: ";

    private ImageArchives() {
    }

    /** Loads a {@code docker save}/{@code docker load} tarball; returns the names (or ids) the engine reports. */
    public static List<String> load(EngineHttp http, Path tarball) {
        if (!Files.isRegularFile(tarball)) {
            throw new IllegalArgumentException(tarball + " is not a file; give the image tarball to load");
        }
        List<String> loaded = new ArrayList<>();
        try (EngineResponse response = http.send("POST", "/images/load?quiet=1", Map.of(),
                new FileEntity(tarball.toFile(), ContentType.create("application/x-tar")))) {
            if (response.status() != 200) {
                throw new DockerEngineException(http.engine(), "The engine at " + http.engine() + " would not load " + tarball
                        + ": " + response.errorMessage());
            }
            JsonMessages.read(response.body(), message -> {
                String error = JsonMessages.error(message);
                if (error != null) {
                    throw new DockerEngineException(http.engine(), "The engine at " + http.engine() + " could not load "
                            + tarball + ": " + error + ". Is it a docker-load (docker save) tarball?");
                }
                for (String line : message.path("stream").asText("").split("\n")) {
                    if (line.startsWith(LOADED)) {
                        loaded.add(line.substring(LOADED.length()).trim());
                    } else if (line.startsWith(LOADED_ID)) {
                        loaded.add(line.substring(LOADED_ID.length()).trim());
                    }
                }
            });
        } catch (IOException e) {
            throw new DockerEngineException(http.engine(), "Loading " + tarball + " into " + http.engine() + " failed: "
                    + e.getMessage(), e);
        }
        return loaded;
    }

    /**
     * Starts {@code docker save} of {@code image}: an open 200 response whose body is the tarball;
     * the caller closes it.
     *
     * @throws ImageNotFoundException when the engine has no such image
     * @throws DockerEngineException when the engine refuses the export
     */
    static EngineResponse openExport(EngineHttp http, String image) throws IOException {
        EngineResponse response = http.send("GET", "/images/" + image + "/get", Map.of(), null);
        try {
            if (response.status() == 404) {
                throw new ImageNotFoundException(http.engine(), image, response.errorMessage());
            }
            if (response.status() != 200) {
                throw new DockerEngineException(http.engine(), "The engine at " + http.engine() + " would not export "
                        + image + ": " + response.errorMessage());
            }
            return response;
        } catch (RuntimeException e) {
            response.close();
            throw e;
        }
    }

    /** Writes the {@code docker save} tarball of {@code image} to {@code out}. */
    public static void export(EngineHttp http, String image, OutputStream out) {
        try (EngineResponse response = openExport(http, image)) {
            try (InputStream in = response.body()) {
                in.transferTo(out);
            }
        } catch (IOException e) {
            throw new DockerEngineException(http.engine(), "Exporting " + image + " from " + http.engine() + " failed: "
                    + e.getMessage(), e);
        }
    }
}
