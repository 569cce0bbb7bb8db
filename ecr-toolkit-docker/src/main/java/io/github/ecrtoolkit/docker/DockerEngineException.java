package io.github.ecrtoolkit.docker;

import io.github.ecrtoolkit.core.EcrToolkitException;

/**
 * A Docker Engine call failed. Subclasses say which way; the message names the engine and what to
 * do next, and never carries a credential.
 */
public class DockerEngineException extends EcrToolkitException {

    private static final long serialVersionUID = 1L;

    private final String engine;

    public DockerEngineException(String engine, String message) {
        super(message);
        this.engine = engine;
    }

    public DockerEngineException(String engine, String message, Throwable cause) {
        super(message, cause);
        this.engine = engine;
    }

    /** The engine's address, e.g. {@code unix:///var/run/docker.sock}. */
    public String engine() {
        return engine;
    }
}
