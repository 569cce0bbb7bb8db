package io.github.ecrtoolkit.docker;

/** No Docker Engine answered where we looked; the message says where and how that was chosen. */
public final class EngineUnreachableException extends DockerEngineException {

    private static final long serialVersionUID = 1L;

    public EngineUnreachableException(String engine, String message, Throwable cause) {
        super(engine, message, cause);
    }
}
