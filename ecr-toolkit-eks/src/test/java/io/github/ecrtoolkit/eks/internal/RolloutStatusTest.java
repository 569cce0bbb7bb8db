package io.github.ecrtoolkit.eks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.github.ecrtoolkit.eks.internal.RolloutStatus.State;

class RolloutStatusTest {

    static Deployment deployment(long generation, Long observed, int replicas, int total, int updated, int available,
            String progressingReason) {
        var b = new DeploymentBuilder().withNewMetadata().withName("web").withGeneration(generation).endMetadata()
                .withNewSpec().withReplicas(replicas).endSpec()
                .withNewStatus().withObservedGeneration(observed).withReplicas(total).withUpdatedReplicas(updated)
                .withAvailableReplicas(available);
        if (progressingReason != null) {
            b.addNewCondition().withType("Progressing").withReason(progressingReason).withMessage("m").endCondition();
        }
        return b.endStatus().build();
    }

    @Nested
    class Deployments {

        @Test
        void done_whenObservedUpdatedAvailableAndNoOldReplicas() {
            assertThat(RolloutStatus.of(deployment(3, 3L, 2, 2, 2, 2, "NewReplicaSetAvailable")).state())
                    .isEqualTo(State.DONE);
        }

        @Test
        void waiting_whenObservedGenerationIsBehind_evenIfCountsLookDone() {
            RolloutStatus s = RolloutStatus.of(deployment(3, 2L, 2, 2, 2, 2, null));
            assertThat(s.state()).isEqualTo(State.WAITING);
            assertThat(s.message()).contains("spec update to be observed");
        }

        @Test
        void waiting_whenObservedGenerationMissing() {
            assertThat(RolloutStatus.of(deployment(1, null, 1, 1, 1, 1, null)).state()).isEqualTo(State.WAITING);
        }

        @Test
        void staleDeadlineCondition_ofOlderGeneration_doesNotFail() {
            assertThat(RolloutStatus.of(deployment(4, 3L, 2, 2, 2, 2, "ProgressDeadlineExceeded")).state())
                    .isEqualTo(State.WAITING);
        }

        @Test
        void failed_whenProgressDeadlineExceeded() {
            RolloutStatus s = RolloutStatus.of(deployment(3, 3L, 2, 3, 1, 2, "ProgressDeadlineExceeded"));
            assertThat(s.state()).isEqualTo(State.FAILED);
            assertThat(s.message()).contains("exceeded its progress deadline: m");
        }

        @Test
        void waiting_whileOldReplicasRemain() {
            RolloutStatus s = RolloutStatus.of(deployment(3, 3L, 2, 3, 2, 2, null));
            assertThat(s.state()).isEqualTo(State.WAITING);
            assertThat(s.message()).contains("1 old replicas are pending termination");
        }

        @Test
        void waiting_whileUpdatedReplicasAreNotAvailable() {
            RolloutStatus s = RolloutStatus.of(deployment(3, 3L, 2, 2, 2, 1, null));
            assertThat(s.message()).contains("1 of 2 updated replicas are available");
        }

        @Test
        void waiting_whileNotAllReplicasUpdated() {
            RolloutStatus s = RolloutStatus.of(deployment(3, 3L, 3, 3, 1, 3, null));
            assertThat(s.message()).contains("1 out of 3 new replicas have been updated");
        }
    }

    @Nested
    class StatefulSets {

        StatefulSet set(long generation, Long observed, int replicas, int ready, int updated, String current,
                String update, Integer partition) {
            return new StatefulSetBuilder().withNewMetadata().withName("db").withGeneration(generation).endMetadata()
                    .withNewSpec().withReplicas(replicas).withNewUpdateStrategy().withType("RollingUpdate")
                    .withNewRollingUpdate().withPartition(partition).endRollingUpdate().endUpdateStrategy().endSpec()
                    .withNewStatus().withObservedGeneration(observed).withReadyReplicas(ready)
                    .withUpdatedReplicas(updated).withCurrentRevision(current).withUpdateRevision(update).endStatus()
                    .build();
        }

        @Test
        void done_whenAllReadyAndRevisionsMatch() {
            assertThat(RolloutStatus.of(set(2, 2L, 3, 3, 3, "db-2", "db-2", null)).state()).isEqualTo(State.DONE);
        }

        @Test
        void waiting_whileUpdateRevisionDiffersFromCurrent() {
            RolloutStatus s = RolloutStatus.of(set(2, 2L, 3, 3, 1, "db-1", "db-2", null));
            assertThat(s.state()).isEqualTo(State.WAITING);
            assertThat(s.message()).contains("revision db-2");
        }

        @Test
        void waiting_whileNotObserved() {
            assertThat(RolloutStatus.of(set(3, 2L, 3, 3, 3, "db-2", "db-2", null)).state()).isEqualTo(State.WAITING);
        }

        @Test
        void partitionedRollout_doneWhenPodsAbovePartitionUpdated() {
            assertThat(RolloutStatus.of(set(2, 2L, 3, 3, 1, "db-1", "db-2", 2)).state()).isEqualTo(State.DONE);
            assertThat(RolloutStatus.of(set(2, 2L, 3, 3, 0, "db-1", "db-2", 2)).state()).isEqualTo(State.WAITING);
        }
    }

    @Nested
    class DaemonSets {

        DaemonSet set(long generation, long observed, int desired, int updated, int available) {
            return new DaemonSetBuilder().withNewMetadata().withName("agent").withGeneration(generation).endMetadata()
                    .withNewSpec().endSpec()
                    .withNewStatus().withObservedGeneration(observed).withDesiredNumberScheduled(desired)
                    .withUpdatedNumberScheduled(updated).withNumberAvailable(available).endStatus().build();
        }

        @Test
        void done_whenEveryNodeRunsUpdatedAvailablePod() {
            assertThat(RolloutStatus.of(set(2, 2, 4, 4, 4)).state()).isEqualTo(State.DONE);
        }

        @Test
        void waiting_whileNodesAwaitUpdate() {
            assertThat(RolloutStatus.of(set(2, 2, 4, 3, 4)).message()).contains("3 out of 4 new pods have been updated");
            assertThat(RolloutStatus.of(set(2, 2, 4, 4, 2)).message()).contains("2 of 4 updated pods are available");
            assertThat(RolloutStatus.of(set(3, 2, 4, 4, 4)).state()).isEqualTo(State.WAITING);
        }
    }
}
