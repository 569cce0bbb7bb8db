package io.github.ecrtoolkit.testing.aws;

import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * One HTTP request as a service stand-in sees it: which service signed it, the method, path and
 * query, the headers (names in lower case), and the body read as JSON or as Query-protocol form
 * parameters.
 *
 * @param service the signing name from the SigV4 {@code Authorization} header, such as {@code ecs}
 * @param method the HTTP method
 * @param path the decoded path, such as {@code /clusters/shop}
 * @param query the decoded query parameters (first value of each)
 * @param headers the headers, names in lower case
 * @param body the raw body
 */
public record AwsRequest(String service, String method, String path, Map<String, String> query,
        Map<String, List<String>> headers, byte[] body) {

    public AwsRequest {
        query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body as JSON; a missing node when it is empty. */
    public JsonNode json() {
        if (body.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AwsFaultException(400, "SerializationException", "the body is not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The body as Query-protocol parameters ({@code Action=CreateRole&RoleName=…}), in order; lists
     * arrive flattened as {@code Tags.member.1.Key}, which {@link QueryParameters} reads back.
     */
    public QueryParameters form() {
        Map<String, String> values = new LinkedHashMap<>();
        String text = bodyText();
        if (!text.isEmpty()) {
            for (String pair : text.split("&")) {
                int equals = pair.indexOf('=');
                String key = equals < 0 ? pair : pair.substring(0, equals);
                String value = equals < 0 ? "" : pair.substring(equals + 1);
                values.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
        }
        return new QueryParameters(values);
    }

    @Override
    public String toString() {
        return service + " " + method + " " + path;
    }
}
