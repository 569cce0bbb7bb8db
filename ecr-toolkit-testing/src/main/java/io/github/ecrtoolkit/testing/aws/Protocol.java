package io.github.ecrtoolkit.testing.aws;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The wire protocols of the services faked here, as the botocore models name them: how a request
 * names its operation, and how a fault is written so that the SDK raises the right exception.
 */
public enum Protocol {
    /** {@code POST /}, {@code X-Amz-Target: <Prefix>.<Operation>}, JSON both ways (ECS, CloudWatch Logs). */
    JSON,
    /** Operations by method and path, JSON bodies, {@code X-Amzn-ErrorType} on errors (EKS). */
    REST_JSON,
    /** {@code Action=<Operation>} form parameters, XML answers, {@code ErrorResponse} (IAM, STS). */
    QUERY,
    /** As {@link #QUERY}, but errors as {@code Response/Errors/Error} (EC2). */
    EC2_QUERY;

    /** The operation a JSON or Query request names; REST services resolve their own from the path. */
    String operationOf(AwsRequest request) {
        return switch (this) {
            case JSON -> request.header("x-amz-target").map(target -> target.substring(target.indexOf('.') + 1)).orElse("");
            case QUERY, EC2_QUERY -> request.form().get("Action").orElse("");
            case REST_JSON -> throw new IllegalStateException("a REST service names its operations itself");
        };
    }

    AwsResponse fault(AwsFault fault) {
        String requestId = UUID.randomUUID().toString();
        return switch (this) {
            case JSON -> new AwsResponse(fault.status(), "application/x-amz-json-1.1",
                    Json.object().put("__type", fault.code()).put("message", fault.message()).toString(), Map.of());
            case REST_JSON -> new AwsResponse(fault.status(), "application/json",
                    Json.object().put("message", fault.message()).toString(),
                    Map.of("X-Amzn-ErrorType", List.of(fault.code()), "X-Amzn-RequestId", List.of(requestId)));
            case QUERY -> AwsResponse.xml(fault.status(), Xml.element("ErrorResponse")
                    .add(Xml.element("Error").text("Type", fault.status() < 500 ? "Sender" : "Receiver")
                            .text("Code", fault.code()).text("Message", fault.message()))
                    .text("RequestId", requestId));
            case EC2_QUERY -> AwsResponse.xml(fault.status(), Xml.element("Response")
                    .add(Xml.element("Errors").add(Xml.element("Error").text("Code", fault.code()).text("Message", fault.message())))
                    .text("RequestID", requestId));
        };
    }
}
