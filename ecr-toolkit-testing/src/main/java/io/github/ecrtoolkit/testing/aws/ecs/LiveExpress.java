package io.github.ecrtoolkit.testing.aws.ecs;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An Express Mode service while the stand-in runs it, over its ECS service; guarded by the stand-in's lock. */
final class LiveExpress {

    final LiveService service;
    final String infrastructureRoleArn;
    final String endpoint;
    final double createdAt;
    /** The active configuration, as {@code activeConfigurations[0]} describes it. */
    ObjectNode configuration;
    double updatedAt;
    int revisions = 1;
    /** The deployment the last create or update started; a circuit-breaker rollback happens within it. */
    String currentDeployment;

    LiveExpress(LiveService service, String infrastructureRoleArn, String endpoint, ObjectNode configuration, double createdAt) {
        this.service = service;
        this.infrastructureRoleArn = infrastructureRoleArn;
        this.endpoint = endpoint;
        this.configuration = configuration;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }
}
