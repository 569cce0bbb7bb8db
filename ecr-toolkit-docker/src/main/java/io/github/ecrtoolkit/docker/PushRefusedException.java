package io.github.ecrtoolkit.docker;

/** The registry refused a push made through the engine (authentication, permission, or a missing repository). */
public final class PushRefusedException extends DockerEngineException {

    private static final long serialVersionUID = 1L;

    private final String image;

    public PushRefusedException(String engine, String image, String registryMessage) {
        super(engine, "Pushing " + image + " through the Docker Engine at " + engine + " was refused: " + registryMessage
                + ". Check the registry credentials, that they may push to this repository, and that the repository exists.");
        this.image = image;
    }

    /** The image reference that was pushed. */
    public String image() {
        return image;
    }
}
