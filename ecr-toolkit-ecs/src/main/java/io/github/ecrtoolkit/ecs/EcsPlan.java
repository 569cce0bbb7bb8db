package io.github.ecrtoolkit.ecs;

import java.util.List;
import java.util.Objects;

/**
 * What {@link EcsServices#up} found and what it does (or, from {@link EcsServices#plan}, would do)
 * to make the account match a spec: one change per resource, in the order they are applied.
 *
 * <pre>{@code
 * EcsPlan plan = ecs.plan(orders, image);
 * plan.changes().forEach(change -> System.out.println(change.describe()));
 * // create cluster prod
 * // keep execution role ecsTaskExecutionRole
 * // create task definition orders (image …/orders:1.4.2, 256 cpu, 512 MiB, ARM64)
 * }</pre>
 *
 * @param changes one per resource; {@link Action#KEEP} for those already as asked
 */
public record EcsPlan(List<Change> changes) {

    public EcsPlan {
        changes = List.copyOf(changes);
    }

    /** Whether anything would be created, changed or deleted. */
    public boolean hasChanges() {
        return changes.stream().anyMatch(change -> change.action() != Action.KEEP);
    }

    /** The resources a plan is about. */
    public enum Resource {
        CLUSTER("cluster"),
        EXECUTION_ROLE("execution role"),
        INFRASTRUCTURE_ROLE("infrastructure role"),
        LOG_GROUP("log group"),
        SECURITY_GROUP("security group"),
        TASK_DEFINITION("task definition"),
        SERVICE("service");

        private final String label;

        Resource(String label) {
            this.label = label;
        }

        /** How a person names it: {@code security group}. */
        public String label() {
            return label;
        }
    }

    /** What happens to a resource. */
    public enum Action {
        CREATE, UPDATE, KEEP, DELETE
    }

    /**
     * One change.
     *
     * @param resource what kind of resource
     * @param name its name (or id, once it has one)
     * @param action what happens to it
     * @param detail what is created or what differs, such as {@code image a -> b}; may be empty
     */
    public record Change(Resource resource, String name, Action action, String detail) {

        public Change {
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(action, "action");
            detail = Objects.requireNonNullElse(detail, "");
        }

        /** One line: {@code update service orders (desired count 2 -> 4)}. */
        public String describe() {
            return action.name().toLowerCase(java.util.Locale.ROOT) + " " + resource.label() + " " + name
                    + (detail.isEmpty() ? "" : " (" + detail + ")");
        }
    }
}
