package io.github.ecrtoolkit.core.dockerfile.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The hand-written exec-form reader agrees with Jackson on every input: same strings, or both refuse. */
class JsonStringArrayTest {

    private static final ObjectMapper JACKSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {
        "[]", "[ ]", "[\"a\"]", "[ \"java\" , \"-jar\",\"/app/app.jar\" ]", "[\"a b\", \"c\\\"d\"]",
        "[\"tab\\there\", \"nl\\nx\", \"slash\\/\", \"back\\\\\", \"\\u00e9\\u20ac\", \"\\ud83d\\ude00\"]",
        "[\"\\b\\f\\r\"]", "[\"é€😀\"]", "\t[\"a\"]\n",
        "[\"a\",]", "[\"a\" \"b\"]", "[1]", "[\"a\", null]", "[\"a\", true]", "[[\"a\"]]", "[\"unterminated]",
        "[\"bad\\x\"]", "[\"short\\u12\"]", "[\"ctl\u0001\"]", "[", "[,]", "['a']"
    })
    void readsExactlyWhatJacksonReads(String text) {
        assertThat(JsonStringArray.parse(text)).isEqualTo(jackson(text));
    }

    /** Jackson stops after the first value; Docker (Go's decoder) refuses text after it, and so do we. */
    @org.junit.jupiter.api.Test
    void textAfterTheArray_isNotExecForm_asInDocker() {
        assertThat(JsonStringArray.parse("[\"a\"] ]")).isEmpty();
        assertThat(jackson("[\"a\"] ]")).contains(List.of("a"));
    }

    private static Optional<List<String>> jackson(String text) {
        try {
            List<Object> values = JACKSON.readValue(text, new TypeReference<List<Object>>() { });
            List<String> strings = new ArrayList<>();
            for (Object v : values) {
                if (!(v instanceof String s)) {
                    return Optional.empty();
                }
                strings.add(s);
            }
            return Optional.of(strings);
        } catch (Exception refused) {
            return Optional.empty();
        }
    }
}
