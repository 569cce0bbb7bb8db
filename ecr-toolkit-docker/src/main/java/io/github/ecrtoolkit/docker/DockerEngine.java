package io.github.ecrtoolkit.docker;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.github.ecrtoolkit.core.PushResult;
import io.github.ecrtoolkit.core.Registry;
import io.github.ecrtoolkit.core.RegistryCredentials;
import io.github.ecrtoolkit.core.RegistryCredentialsProvider;
import io.github.ecrtoolkit.core.build.ImageLoader;
import io.github.ecrtoolkit.core.event.ProgressListener;
import io.github.ecrtoolkit.core.image.ImageReference;
import io.github.ecrtoolkit.core.registry.internal.RegistrySession;
import io.github.ecrtoolkit.docker.internal.EngineHttp;
import io.github.ecrtoolkit.docker.internal.ExportPusher;
import io.github.ecrtoolkit.docker.internal.ImageArchives;
import io.github.ecrtoolkit.docker.internal.Inspector;
import io.github.ecrtoolkit.docker.internal.PushRunner;

/**
 * A connection to a Docker Engine through its HTTP API: build a Dockerfile (with {@code RUN}),
 * push, load, export, inspect. Thread-safe; share one and close it when done.
 *
 * <pre>{@code
 * try (DockerEngine engine = DockerEngine.fromEnvironment()) {
 *     BuiltImage image = engine.build(Path.of("orders-service"))
 *             .tag("127.0.0.1:5000/orders:1.4.2")
 *             .buildArg("VERSION", "1.4.2")
 *             .run();
 *     PushResult pushed = engine.push(ImageReference.parse("127.0.0.1:5000/orders:1.4.2"),
 *             RegistryCredentials.basic("AWS", token));
 * }
 * }</pre>
 */
public final class DockerEngine implements AutoCloseable, ImageLoader {

    /** The faster way measured on this project's benchmark (see the README): the engine's own push. */
    public static final PushMode DEFAULT_PUSH_MODE = PushMode.ENGINE;

    private final EngineHttp http;
    private final ExportPusher exportPusher;

    private DockerEngine(EngineHttp http) {
        this.http = http;
        this.exportPusher = new ExportPusher(http);
    }

    /**
     * Connects to the engine the Docker CLI would use ({@code DOCKER_HOST}, {@code DOCKER_TLS_VERIFY},
     * {@code DOCKER_CERT_PATH}, else {@code /var/run/docker.sock}) and negotiates the API version.
     *
     * @throws EngineUnreachableException if no engine answers there (the message says where it looked)
     * @throws EngineApiTooOldException if the engine's API is too old
     */
    public static DockerEngine fromEnvironment() {
        return connect(DockerHost.fromEnvironment());
    }

    /**
     * Connects to the engine at {@code host} and negotiates the API version.
     *
     * @throws EngineUnreachableException if no engine answers there
     * @throws EngineApiTooOldException if the engine's API is too old
     */
    public static DockerEngine connect(DockerHost host) {
        EngineHttp http = EngineHttp.open(Objects.requireNonNull(host, "host"));
        try {
            http.negotiate();
            return new DockerEngine(http);
        } catch (RuntimeException e) {
            closeQuietly(http);
            throw e;
        }
    }

    /** Where this engine is. */
    public DockerHost host() {
        return http.host();
    }

    /** The API version agreed with the engine, e.g. {@code 1.41}. */
    public String apiVersion() {
        return http.version().toString();
    }

    /** Starts a build of the Dockerfile in {@code context}; finish it with {@link DockerImageBuild#run()}. */
    public DockerImageBuild build(Path context) {
        return new DockerImageBuild(http, context);
    }

    /**
     * Pushes {@code reference} (a name the engine has, e.g. after a build tagged with it) through
     * the engine.
     *
     * @throws ImageNotFoundException if the engine has no image by that name
     * @throws PushRefusedException if the registry refused the credentials or the push
     * @throws DockerEngineException for any other failure the engine reports
     */
    public PushResult push(ImageReference reference, RegistryCredentials credentials) {
        return push(List.of(reference), credentials, ProgressListener.NONE);
    }

    /**
     * Pushes every reference (tags of one image, in one registry) through the engine and
     * describes the result as the daemonless push does.
     *
     * @throws ImageNotFoundException if the engine has no image by one of the names
     * @throws PushRefusedException if the registry refused the credentials or the push
     * @throws DockerEngineException for any other failure the engine reports
     */
    public PushResult push(List<ImageReference> references, RegistryCredentials credentials, ProgressListener listener) {
        return push(references, RegistryCredentialsProvider.of(credentials), listener, DEFAULT_PUSH_MODE);
    }

    /**
     * Pushes every reference (tags of one image, in one repository) the given way, through a
     * {@link Registry} made for the references' registry with {@code credentials}. For
     * {@link PushMode#EXPORT} a loopback registry is reached over plain HTTP, as the engine itself
     * does; any other over verified TLS.
     *
     * @throws ImageNotFoundException if the engine has no image by the first name
     * @throws PushRefusedException if the registry refused the credentials ({@link PushMode#ENGINE})
     * @throws io.github.ecrtoolkit.core.registry.RegistryException if the registry refused the push ({@link PushMode#EXPORT})
     * @throws DockerEngineException for any other failure the engine reports
     */
    public PushResult push(List<ImageReference> references, RegistryCredentialsProvider credentials, ProgressListener listener,
            PushMode mode) {
        if (references.isEmpty()) {
            throw new IllegalArgumentException("name at least one image reference to push");
        }
        ImageReference first = references.get(0);
        try (Registry registry = Registry.builder().host(first.registry()).credentials(credentials)
                .allowInsecureLoopback(first.isLoopbackRegistry()).build()) {
            return push(references, registry, listener, mode);
        }
    }

    /**
     * Pushes every reference (tags of one image, in {@code registry}) the given way: with
     * {@link PushMode#EXPORT} through {@code registry}'s own push steps (its request cap, retries
     * and executor apply), with {@link PushMode#ENGINE} by the engine with {@code registry}'s
     * credentials. {@code registry} is not closed by us.
     *
     * <pre>{@code
     * try (Registry registry = Registry.ecr(Region.EU_WEST_1)) {
     *     engine.push(List.of(ImageReference.parse(registry.host() + "/orders:1")), registry, listener, PushMode.EXPORT);
     * }
     * }</pre>
     *
     * @throws ImageNotFoundException if the engine has no image by the first name
     * @throws PushRefusedException if the registry refused the credentials ({@link PushMode#ENGINE})
     * @throws io.github.ecrtoolkit.core.registry.RegistryException if the registry refused the push ({@link PushMode#EXPORT})
     * @throws DockerEngineException for any other failure the engine reports
     */
    public PushResult push(List<ImageReference> references, Registry registry, ProgressListener listener, PushMode mode) {
        ProgressListener events = listener == null ? ProgressListener.NONE : listener;
        if (references.isEmpty()) {
            throw new IllegalArgumentException("name at least one image reference to push");
        }
        RegistrySession session = RegistrySession.of(registry);
        if (mode == PushMode.EXPORT) {
            return exportPusher.push(references, session, events);
        }
        try {
            return PushRunner.push(http, references, session, events);
        } catch (PushRefusedException refused) {
            // an expired ECR token: fresh credentials, once
            session.credentials().invalidate();
            return PushRunner.push(http, references, session, events);
        }
    }

    /**
     * Loads a docker-load tarball (as {@code docker save} writes, or the daemonless builder's
     * docker-load output) so that {@code docker run} can use it.
     *
     * @return the image names (or ids, for untagged images) the engine loaded
     * @throws IllegalArgumentException if {@code tarball} is not a file
     * @throws DockerEngineException if the engine rejects the tarball
     */
    @Override
    public List<String> load(Path tarball) {
        return ImageArchives.load(http, tarball);
    }

    /**
     * Writes the {@code docker save} tarball of {@code image} to {@code out} (not closed).
     *
     * @throws ImageNotFoundException if the engine has no such image
     */
    public void export(String image, OutputStream out) {
        ImageArchives.export(http, image, out);
    }

    /** What the engine knows about {@code image} (name, {@code name:tag} or id), or empty if it has none. */
    public Optional<ImageDetails> inspect(String image) {
        return Inspector.inspect(http, image);
    }

    /**
     * Gives the image {@code source} the name {@code target}.
     *
     * @throws ImageNotFoundException if the engine has no image {@code source}
     */
    public void tag(String source, ImageReference target) {
        Inspector.tag(http, source, target.registry() + "/" + target.repository(), target.tag().orElse("latest"));
    }

    /** Removes an image name (and the image when no other name is left); false when it was not there. */
    public boolean remove(String image) {
        return Inspector.remove(http, image, true);
    }

    /** Closes the connections to the engine. Images and builds stay. */
    @Override
    public void close() {
        closeQuietly(http);
    }

    private static void closeQuietly(EngineHttp http) {
        try {
            http.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    @Override
    public String toString() {
        return "DockerEngine[" + http.host() + "]";
    }
}
