package io.github.ecrtoolkit.core;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import software.amazon.awssdk.regions.Region;

/**
 * Checks AWS region names before any call is made with them: a typo such as {@code eu-wset-1}
 * otherwise surfaces as an unknown host, indistinguishable from a network outage, and a name such
 * as {@code not a region!} ends up in a signed URL. Every entry point of this library that takes a
 * {@link Region} checks it here.
 *
 * <pre>{@code
 * Region region = AwsRegions.parse("eu-west-1");
 * AwsRegions.parse("eu-wset-1");   // IllegalArgumentException: ... did you mean eu-west-1?
 * }</pre>
 *
 * <p>Known regions are those of the AWS SDK on the class path. A well-formed name that the SDK
 * does not list yet is accepted when its geography is known (a new {@code eu-west-9}, say), so a
 * region newer than the SDK still works; other unknown names are refused with the closest match.
 */
public final class AwsRegions {

    /** {@code eu-west-1}, {@code us-gov-west-1}, {@code us-isob-east-1}, {@code ap-southeast-5}. */
    private static final Pattern WELL_FORMED = Pattern.compile("[a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}");

    private AwsRegions() {
    }

    /**
     * The region named {@code name}.
     *
     * @throws IllegalArgumentException when the name is blank, malformed or unknown; the message
     *         names the closest known region
     */
    public static Region parse(String name) {
        Objects.requireNonNull(name, "name");
        String trimmed = name.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("no AWS region given: write one such as eu-west-1");
        }
        check(trimmed);
        return Region.of(trimmed);
    }

    /**
     * {@code region}, once checked as {@link #parse} checks a name.
     *
     * @throws IllegalArgumentException when its name is malformed or unknown
     */
    public static Region check(Region region) {
        Objects.requireNonNull(region, "region");
        // Region.of URL-encodes what it is given: "not a region!" comes back as not%20a%20region%21
        check(java.net.URLDecoder.decode(region.id(), java.nio.charset.StandardCharsets.UTF_8));
        return region;
    }

    private static void check(String name) {
        List<Region> known = Region.regions();
        if (known.stream().anyMatch(r -> r.id().equals(name))) {
            return;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (!lower.equals(name) && known.stream().anyMatch(r -> r.id().equals(lower))) {
            throw new IllegalArgumentException("AWS region names are lower case: write " + lower + ", not '" + name + "'");
        }
        if (WELL_FORMED.matcher(name).matches()) {
            String geography = name.substring(0, name.lastIndexOf('-') + 1);
            if (known.stream().anyMatch(r -> r.id().startsWith(geography) && WELL_FORMED.matcher(r.id()).matches())) {
                return; // a region newer than this SDK, in a geography it knows
            }
        }
        throw new IllegalArgumentException("unknown AWS region '" + name + "'"
                + closest(lower, known).map(c -> "; did you mean " + c + "?").orElse("")
                + "; write a region name such as eu-west-1 or us-east-1 (the regions this SDK knows are listed by"
                + " software.amazon.awssdk.regions.Region.regions())");
    }

    /** The known region closest to {@code name}, when one is close enough to be a typo of it. */
    public static Optional<String> closest(String name) {
        return closest(name.trim().toLowerCase(Locale.ROOT), Region.regions());
    }

    private static Optional<String> closest(String name, List<Region> known) {
        return known.stream().map(Region::id).filter(id -> WELL_FORMED.matcher(id).matches())
                .min(Comparator.comparingInt((String id) -> distance(name, id)).thenComparing(Comparator.naturalOrder()))
                .filter(id -> distance(name, id) <= Math.max(2, id.length() / 3));
    }

    /** Edits (insert, delete, replace, swap of neighbours) from {@code a} to {@code b}. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
