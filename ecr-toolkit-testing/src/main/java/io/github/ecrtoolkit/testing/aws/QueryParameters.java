package io.github.ecrtoolkit.testing.aws;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The form parameters of a Query-protocol request (IAM, STS, EC2), with readers for the flattened
 * lists AWS uses: {@code Tags.member.1.Key} (IAM, STS) or {@code TagSpecification.1.Tag.1.Key}
 * (EC2).
 *
 * <pre>{@code
 * String role = request.form().required("RoleName");
 * Map<String, String> tags = request.form().keyValues("Tags.member", "Key", "Value");
 * }</pre>
 */
public final class QueryParameters {

    private final Map<String, String> values;

    QueryParameters(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public Map<String, String> asMap() {
        return values;
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** The value, or a {@code ValidationError} fault naming the missing parameter, as AWS answers. */
    public String required(String name) {
        String value = values.get(name);
        if (value == null || value.isEmpty()) {
            throw new AwsFaultException(400, "ValidationError",
                    "1 validation error detected: Value null at '" + name + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    /** The values of a flattened list: {@code prefix.1}, {@code prefix.2}, … until one is missing. */
    public List<String> list(String prefix) {
        List<String> items = new ArrayList<>();
        for (int i = 1; values.containsKey(prefix + "." + i); i++) {
            items.add(values.get(prefix + "." + i));
        }
        return items;
    }

    /** A flattened list of pairs, such as {@code Tags.member.N.Key} / {@code Tags.member.N.Value}. */
    public Map<String, String> keyValues(String prefix, String keyName, String valueName) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (int i = 1; values.containsKey(prefix + "." + i + "." + keyName); i++) {
            pairs.put(values.get(prefix + "." + i + "." + keyName), values.getOrDefault(prefix + "." + i + "." + valueName, ""));
        }
        return pairs;
    }

    @Override
    public String toString() {
        return values.keySet().toString();
    }
}
