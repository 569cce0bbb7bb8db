package io.github.ecrtoolkit.ecs;

/** Where the tasks of a service run, and how they are paid for. */
public enum EcsCapacity {
    /** Fargate, on demand: AWS runs the servers; you pay for the cpu and memory asked. */
    FARGATE,
    /** Fargate Spot: the same at a discount, but AWS may stop a task with two minutes' notice. */
    FARGATE_SPOT,
    /** The cluster's own EC2 instances (EC2 launch type): the cluster must already have them. */
    EC2
}
