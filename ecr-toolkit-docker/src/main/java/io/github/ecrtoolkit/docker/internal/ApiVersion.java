package io.github.ecrtoolkit.docker.internal;

/**
 * A Docker Engine API version such as {@code 1.41}, and the negotiation the CLI does: the newest
 * version both sides speak.
 */
public record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {

    /** Oldest engine API we use: {@code platform} on build arrived in 1.32 (Docker 17.07). */
    public static final ApiVersion MINIMUM = new ApiVersion(1, 32);
    /** Newest API this client was written against. */
    public static final ApiVersion MAXIMUM = new ApiVersion(1, 43);

    /** Parses {@code 1.41}. */
    public static ApiVersion parse(String text) {
        String[] parts = text.trim().split("\\.");
        if (parts.length != 2) {
            throw new IllegalArgumentException("not an API version: " + text);
        }
        return new ApiVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
    }

    /**
     * The version to use with an engine whose newest API is {@code engineMax}: ours capped by
     * theirs. Empty result is never returned; callers check {@link #isBelowMinimum()}.
     */
    public static ApiVersion negotiate(ApiVersion engineMax) {
        return engineMax.compareTo(MAXIMUM) < 0 ? engineMax : MAXIMUM;
    }

    public boolean isBelowMinimum() {
        return compareTo(MINIMUM) < 0;
    }

    @Override
    public int compareTo(ApiVersion other) {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
