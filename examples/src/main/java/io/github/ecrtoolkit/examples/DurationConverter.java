package io.github.ecrtoolkit.examples;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code 90s}, {@code 10m}, {@code 1h}, {@code 500ms}, or ISO-8601 such as {@code PT10M}: for every Duration option. */
final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    @Override
    public Duration convert(String text) {
        Matcher m = SHORT_DURATION.matcher(text.toLowerCase(Locale.ROOT));
        Duration duration;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            duration = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        } else {
            try {
                duration = Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("not a duration: " + text + " (use e.g. 90s, 10m, 1h or PT10M)");
            }
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new TypeConversionException("must be positive, was " + text);
        }
        return duration;
    }
}
