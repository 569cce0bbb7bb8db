package io.github.ecrtoolkit.core.permissions;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of the permission table: an IAM action, the kind of resource it applies to, the
 * condition that narrows it further (such as {@code iam:PassedToService} for {@code iam:PassRole}),
 * and whether it is optional.
 *
 * <p>An optional permission is used when granted and skipped, with a warning, when denied: the
 * generated policy includes it (so what it serves works), and the pre-flight reports it denied as a
 * warning naming what is skipped, never as a refusal.
 *
 * <pre>{@code
 * Permission.optional("ecr:BatchGetImage", ResourceKind.ECR_REPOSITORY, "the deploy-time platform check");
 * }</pre>
 *
 * @param action the IAM action, e.g. {@code ecs:UpdateService}
 * @param resource what it applies to
 * @param condition a {@code StringEquals} condition, when the action is narrowed by one
 * @param optionalFor empty when the capability cannot work without it; for an optional permission,
 *        what is skipped when it is denied, e.g. {@code the deploy-time platform check}
 */
public record Permission(String action, ResourceKind resource, Optional<Condition> condition, Optional<String> optionalFor) {

    public Permission {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(optionalFor, "optionalFor");
        if (!action.matches("[a-z0-9-]+:[A-Za-z0-9]+")) {
            throw new IllegalArgumentException("'" + action + "' is not an IAM action like ecs:UpdateService");
        }
        if (optionalFor.filter(String::isBlank).isPresent()) {
            throw new IllegalArgumentException("an optional " + action + " needs to say what is skipped without it");
        }
    }

    /** A required permission, narrowed by {@code condition} when present. */
    public Permission(String action, ResourceKind resource, Optional<Condition> condition) {
        this(action, resource, condition, Optional.empty());
    }

    /** A required permission. */
    public static Permission of(String action, ResourceKind resource) {
        return new Permission(action, resource, Optional.empty());
    }

    /**
     * An optional permission: used when granted, and when denied {@code skipped} (e.g. {@code the
     * deploy-time platform check}) is left out with a warning.
     */
    public static Permission optional(String action, ResourceKind resource, String skipped) {
        return new Permission(action, resource, Optional.empty(), Optional.of(Objects.requireNonNull(skipped, "skipped")));
    }

    /** Whether the capability works (with something skipped) when this is denied. */
    public boolean isOptional() {
        return optionalFor.isPresent();
    }

    /** The service prefix of the action, e.g. {@code ecs}. */
    public String service() {
        return action.substring(0, action.indexOf(':'));
    }

    /**
     * A {@code StringEquals} condition on a context key.
     *
     * @param key the condition key, e.g. {@code iam:PassedToService}
     * @param values the values any of which matches, e.g. {@code ecs-tasks.amazonaws.com}
     */
    public record Condition(String key, List<String> values) {

        public Condition {
            Objects.requireNonNull(key, "key");
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("a condition on " + key + " needs a value");
            }
        }
    }
}
