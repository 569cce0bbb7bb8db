package io.github.ecrtoolkit.testing.aws;

/**
 * One AWS service faked with state: it keeps what calls created and answers later calls from it.
 * The {@link AwsStandIn} routes each request to the service whose signing name signed it, records
 * the call, applies scripted faults, and writes any {@link AwsFaultException} in the service's
 * protocol.
 */
public interface ServiceStandIn {

    /** The SigV4 signing name, which is also the IAM action prefix: {@code ecs}, {@code iam}, … */
    String signingName();

    Protocol protocol();

    /** The operation a request calls; REST services override this to map method and path. */
    default String operationOf(AwsRequest request) {
        return protocol().operationOf(request);
    }

    /**
     * Answers one call. Throws {@link AwsFaultException} for the errors the real service would
     * raise (not found, already exists, invalid parameter).
     */
    AwsResponse handle(String operation, AwsRequest request);
}
