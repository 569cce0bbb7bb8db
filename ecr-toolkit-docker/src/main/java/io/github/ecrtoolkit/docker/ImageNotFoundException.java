package io.github.ecrtoolkit.docker;

/** The engine has no image by that name or id. */
public final class ImageNotFoundException extends DockerEngineException {

    private static final long serialVersionUID = 1L;

    private final String image;

    public ImageNotFoundException(String engine, String image, String engineMessage) {
        super(engine, "The Docker Engine at " + engine + " has no image " + image + " (" + engineMessage
                + "). Build or pull it first, or check the name and tag.");
        this.image = image;
    }

    /** The name or id that was asked for. */
    public String image() {
        return image;
    }
}
