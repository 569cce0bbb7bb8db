package io.github.ecrtoolkit.ecs;

import java.util.List;
import java.util.Objects;

/**
 * What {@link EcsServices#down} removed and what it kept (shared resources, and those it did not
 * create), one {@link EcsPlan.Change} per resource.
 *
 * @param service the service
 * @param changes {@link EcsPlan.Action#DELETE} or {@link EcsPlan.Action#KEEP} per resource, with why
 */
public record EcsDownResult(EcsService service, List<EcsPlan.Change> changes) {

    public EcsDownResult {
        Objects.requireNonNull(service, "service");
        changes = List.copyOf(changes);
    }

    /** The resources deleted. */
    public List<EcsPlan.Change> deleted() {
        return changes.stream().filter(change -> change.action() == EcsPlan.Action.DELETE).toList();
    }
}
