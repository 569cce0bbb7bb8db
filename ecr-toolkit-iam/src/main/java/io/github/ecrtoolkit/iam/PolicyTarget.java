package io.github.ecrtoolkit.iam;

import java.util.Objects;

/**
 * The IAM identity a policy is attached to: a user, a group or a role, by name.
 *
 * <pre>{@code
 * PolicyTarget.role("github-deploy");   // better than a user with long-lived keys
 * }</pre>
 *
 * @param kind user, group or role
 * @param name its name (not its ARN)
 */
public record PolicyTarget(Kind kind, String name) {

    /** What kind of identity. */
    public enum Kind { USER, GROUP, ROLE }

    public PolicyTarget {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (!name.matches("[\\w+=,.@-]{1,128}")) {
            throw new IllegalArgumentException("'" + name + "' is not an IAM " + kind.name().toLowerCase(java.util.Locale.ROOT)
                    + " name (give the name, not the ARN: letters, digits and +=,.@_-)");
        }
    }

    public static PolicyTarget user(String name) {
        return new PolicyTarget(Kind.USER, name);
    }

    public static PolicyTarget group(String name) {
        return new PolicyTarget(Kind.GROUP, name);
    }

    public static PolicyTarget role(String name) {
        return new PolicyTarget(Kind.ROLE, name);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + name;
    }
}
