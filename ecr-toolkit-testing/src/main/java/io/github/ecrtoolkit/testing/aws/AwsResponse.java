package io.github.ecrtoolkit.testing.aws;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a service stand-in answers: status, content type, body, extra headers.
 *
 * @param status the HTTP status
 * @param contentType the {@code Content-Type}
 * @param body the body text
 * @param headers extra headers
 */
public record AwsResponse(int status, String contentType, String body, Map<String, List<String>> headers) {

    public AwsResponse {
        headers = Map.copyOf(headers);
    }

    /** A JSON 1.1 answer (ECS, CloudWatch Logs). */
    public static AwsResponse json(JsonNode body) {
        return new AwsResponse(200, "application/x-amz-json-1.1", body.toString(), Map.of());
    }

    /** A REST-JSON answer (EKS) with its status. */
    public static AwsResponse restJson(int status, JsonNode body) {
        return new AwsResponse(status, "application/json", body.toString(), Map.of());
    }

    /**
     * A Query-protocol answer: {@code <OperationResponse xmlns=…><OperationResult>…</OperationResult>
     * <ResponseMetadata><RequestId>…</RequestId></ResponseMetadata></OperationResponse>} (IAM, STS).
     */
    public static AwsResponse queryResult(String operation, String namespace, Xml result) {
        Xml root = Xml.root(operation + "Response", namespace).add(result)
                .add(Xml.element("ResponseMetadata").text("RequestId", UUID.randomUUID().toString()));
        return xml(200, root);
    }

    /** An EC2 answer: the result's members sit directly under {@code <OperationResponse>}. */
    public static AwsResponse ec2Result(String operation, String namespace, Xml... members) {
        Xml root = Xml.root(operation + "Response", namespace).text("requestId", UUID.randomUUID().toString());
        for (Xml member : members) {
            root.add(member);
        }
        return xml(200, root);
    }

    static AwsResponse xml(int status, Xml root) {
        return new AwsResponse(status, "text/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + root, Map.of());
    }

    byte[] bytes() {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
