package io.github.ecrtoolkit.testing.aws.ecs;

/** A task while the stand-in runs it: mutable, guarded by the stand-in's lock. */
final class LiveTask {

    final String arn;
    final String cluster;
    final String group;
    final String taskDefinition;
    final String startedBy;
    final double createdAt;
    String lastStatus = "PENDING";
    String desiredStatus = "RUNNING";
    String stopCode;
    String stoppedReason;
    String containerReason;
    Integer exitCode;
    Double startedAt;
    Double stoppedAt;
    String eniId;
    String subnetId;
    String privateIp;

    LiveTask(String arn, String cluster, String group, String taskDefinition, String startedBy, double createdAt) {
        this.arn = arn;
        this.cluster = cluster;
        this.group = group;
        this.taskDefinition = taskDefinition;
        this.startedBy = startedBy;
        this.createdAt = createdAt;
    }

    boolean live() {
        return !"STOPPED".equals(lastStatus);
    }

    String shortId() {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }
}
