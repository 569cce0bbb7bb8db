package io.github.ecrtoolkit.ecs.internal;

import java.util.Optional;

import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;

import io.github.ecrtoolkit.ecs.EcsPlan.Action;
import io.github.ecrtoolkit.ecs.EcsPlan.Change;
import io.github.ecrtoolkit.ecs.EcsPlan.Resource;
import io.github.ecrtoolkit.ecs.EcsServiceSpec;

/** The log group {@code /ecs/<name>}: kept when it exists, else created with the spec's retention. */
final class LogGroupStep {

    private final RunContext context;
    private final EcsServiceSpec spec;
    private Change change;

    LogGroupStep(RunContext context, EcsServiceSpec spec) {
        this.context = context;
        this.spec = spec;
    }

    Change inspect() {
        change = find(context, spec.logGroup()).isPresent()
                ? new Change(Resource.LOG_GROUP, spec.logGroup(), Action.KEEP, "")
                : new Change(Resource.LOG_GROUP, spec.logGroup(), Action.CREATE, "retention " + spec.logRetentionDays() + " days");
        return change;
    }

    void apply() {
        if (change.action() == Action.CREATE) {
            context.logs().call("CreateLogGroup", () -> context.clients().logs().createLogGroup(r -> r
                    .logGroupName(spec.logGroup()).tags(Ownership.tags(spec.cluster(), spec.name()))));
            context.logs().call("PutRetentionPolicy", () -> context.clients().logs().putRetentionPolicy(r -> r
                    .logGroupName(spec.logGroup()).retentionInDays(spec.logRetentionDays())));
            context.applied(change);
        }
    }

    static Optional<LogGroup> find(RunContext context, String name) {
        return context.logs().call("DescribeLogGroups", () -> context.clients().logs().describeLogGroups(r -> r
                .logGroupNamePrefix(name))).logGroups().stream().filter(g -> name.equals(g.logGroupName())).findFirst();
    }
}
