package io.github.ecrtoolkit.core.permissions;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of the permission table: an IAM action, the kind of resource it applies to, and the
 * condition that narrows it further (such as {@code iam:PassedToService} for {@code iam:PassRole}).
 *
 * @param action the IAM action, e.g. {@code ecs:UpdateService}
 * @param resource what it applies to
 * @param condition a {@code StringEquals} condition, when the action is narrowed by one
 */
public record Permission(String action, ResourceKind resource, Optional<Condition> condition) {

    public Permission {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(condition, "condition");
        if (!action.matches("[a-z0-9-]+:[A-Za-z0-9]+")) {
            throw new IllegalArgumentException("'" + action + "' is not an IAM action like ecs:UpdateService");
        }
    }

    public static Permission of(String action, ResourceKind resource) {
        return new Permission(action, resource, Optional.empty());
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
