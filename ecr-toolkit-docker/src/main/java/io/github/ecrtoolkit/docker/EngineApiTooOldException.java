package io.github.ecrtoolkit.docker;

/** The engine's API is older than the oldest this library speaks; upgrade the engine. */
public final class EngineApiTooOldException extends DockerEngineException {

    private static final long serialVersionUID = 1L;

    private final String engineApiVersion;
    private final String minimumApiVersion;

    public EngineApiTooOldException(String engine, String engineApiVersion, String minimumApiVersion) {
        super(engine, "The Docker Engine at " + engine + " speaks API " + engineApiVersion + ", older than "
                + minimumApiVersion + " which this library needs. Upgrade the engine (Docker 17.06 or newer) or use another one.");
        this.engineApiVersion = engineApiVersion;
        this.minimumApiVersion = minimumApiVersion;
    }

    /** The newest API version the engine offers. */
    public String engineApiVersion() {
        return engineApiVersion;
    }

    /** The oldest API version this library can use. */
    public String minimumApiVersion() {
        return minimumApiVersion;
    }
}
