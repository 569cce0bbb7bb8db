package io.github.ecrtoolkit.core.ecr;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of an ECR repository created on request. Defaults: scan on push, mutable tags,
 * AES-256 encryption, no tags.
 *
 * <pre>{@code
 * RepositoryOptions opts = RepositoryOptions.builder().immutableTags(true).kmsKey("alias/ecr").tag("team", "orders").build();
 * }</pre>
 *
 * @param scanOnPush    scan every pushed image for vulnerabilities
 * @param immutableTags refuse to move a tag to another image
 * @param kmsKey        encrypt with this KMS key (ARN, id or alias) instead of AES-256
 * @param tags          AWS resource tags of the repository
 */
public record RepositoryOptions(boolean scanOnPush, boolean immutableTags, Optional<String> kmsKey, Map<String, String> tags) {

    public RepositoryOptions {
        kmsKey = kmsKey == null ? Optional.empty() : kmsKey;
        tags = Map.copyOf(tags);
    }

    public static RepositoryOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Not thread-safe. */
    public static final class Builder {
        private boolean scanOnPush = true;
        private boolean immutableTags;
        private String kmsKey;
        private final Map<String, String> tags = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder scanOnPush(boolean value) {
            this.scanOnPush = value;
            return this;
        }

        public Builder immutableTags(boolean value) {
            this.immutableTags = value;
            return this;
        }

        public Builder kmsKey(String key) {
            this.kmsKey = Objects.requireNonNull(key, "key");
            return this;
        }

        public Builder tag(String key, String value) {
            tags.put(key, value);
            return this;
        }

        public RepositoryOptions build() {
            return new RepositoryOptions(scanOnPush, immutableTags, Optional.ofNullable(kmsKey), tags);
        }
    }
}
