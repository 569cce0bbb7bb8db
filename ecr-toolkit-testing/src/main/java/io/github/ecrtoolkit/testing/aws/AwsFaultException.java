package io.github.ecrtoolkit.testing.aws;

/**
 * Thrown by a service stand-in to answer with an {@link AwsFault}: the way a handler says "this
 * resource does not exist" or "this name is taken", exactly as the real service would.
 */
public final class AwsFaultException extends RuntimeException {

    private final transient AwsFault fault;

    public AwsFaultException(AwsFault fault) {
        super(fault.code() + ": " + fault.message(), null, false, false);
        this.fault = fault;
    }

    public AwsFaultException(int status, String code, String message) {
        this(new AwsFault(status, code, message));
    }

    /** An operation this stand-in does not fake: the test that made the call fails (see {@link AwsStandIn#unfaked()}). */
    public static AwsFaultException notFaked(String service, String operation) {
        return new AwsFaultException(501, "NotFakedByStandIn",
                "the stand-in does not fake " + service + ":" + operation + "; add it to the service's stand-in");
    }

    public AwsFault fault() {
        return fault;
    }
}
