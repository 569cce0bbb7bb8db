package io.github.ecrtoolkit.core.registry.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code WWW-Authenticate} header: {@code Basic realm=..} or
 * {@code Bearer realm="..",service="..",scope=".."}.
 *
 * @param scheme {@code basic}, {@code bearer}, or {@code none} when the registry asks for nothing
 * @param params the parameters, lower-case names
 */
record Challenge(String scheme, Map<String, String> params) {

    static final Challenge NONE = new Challenge("none", Map.of());
    private static final Pattern PARAM = Pattern.compile("([A-Za-z_]+)=(?:\"([^\"]*)\"|([^,\\s]*))");

    static Challenge parse(String header) {
        if (header == null || header.isBlank()) {
            return new Challenge("basic", Map.of());
        }
        String trimmed = header.trim();
        int space = trimmed.indexOf(' ');
        String scheme = (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(Locale.ROOT);
        Map<String, String> params = new LinkedHashMap<>();
        if (space > 0) {
            Matcher m = PARAM.matcher(trimmed.substring(space + 1));
            while (m.find()) {
                params.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2) != null ? m.group(2) : m.group(3));
            }
        }
        return new Challenge(scheme, params);
    }

    boolean isBearer() {
        return "bearer".equals(scheme);
    }

    boolean isBasic() {
        return "basic".equals(scheme);
    }
}
