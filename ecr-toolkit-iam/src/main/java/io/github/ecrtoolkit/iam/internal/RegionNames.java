package io.github.ecrtoolkit.iam.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;

/**
 * Whether a region name is one the AWS SDK knows, and the closest known name to one it does not
 * ({@code eu-wset-1} → {@code eu-west-1}). Self-contained so that it can move to wherever the SDK
 * validates regions before any call.
 */
public final class RegionNames {

    private RegionNames() {
    }

    /** Whether the SDK's region metadata has {@code name} (a region of some partition, not a global pseudo-region). */
    public static boolean known(String name) {
        Region region = Region.of(name);
        return !region.isGlobalRegion() && RegionMetadata.of(region) != null;
    }

    /** The partition of a known region ({@code aws}, {@code aws-cn}, …). */
    public static Optional<String> partition(String name) {
        return known(name) ? Optional.ofNullable(RegionMetadata.of(Region.of(name)).partition().id()) : Optional.empty();
    }

    /** The known region whose name is fewest edits away from {@code name}, when one is within three edits. */
    public static Optional<String> closest(String name) {
        String wanted = name.toLowerCase(java.util.Locale.ROOT).strip();
        List<String> names = Region.regions().stream().filter(r -> !r.isGlobalRegion()).map(Region::id)
                .filter(id -> !id.contains("fips")).toList();
        return names.stream().min(Comparator.comparingInt((String id) -> distance(wanted, id)).thenComparing(id -> id))
                .filter(id -> distance(wanted, id) <= 3);
    }

    /** Levenshtein distance, with a swap of two neighbours counted as one edit (the usual typo). */
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
