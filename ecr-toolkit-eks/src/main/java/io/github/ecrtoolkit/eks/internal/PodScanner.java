package io.github.ecrtoolkit.eks.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.ecrtoolkit.core.deploy.DeployEvent;
import io.github.ecrtoolkit.core.deploy.internal.EventLog;
import io.github.ecrtoolkit.eks.EksWorkload;
import io.github.ecrtoolkit.eks.KubernetesEvent;
import io.github.ecrtoolkit.eks.PodProblem;
import io.github.ecrtoolkit.eks.PodWaiting;

/**
 * Looks at the pods of a rollout (for a Deployment: those of its newest ReplicaSet) and at the
 * Kubernetes events about the workload, its ReplicaSets and pods; reports what is new since the
 * last look.
 */
final class PodScanner {

    /** Waiting reasons that are just a pod starting, not a problem. */
    private static final Set<String> NORMAL_WAITING = Set.of("ContainerCreating", "PodInitializing");

    private final KubernetesClient client;
    private final EksWorkload workload;
    private final Clock clock;
    private final EventLog<DeployEvent> log;
    private final Set<String> seenWaiting = new HashSet<>();
    private final Set<String> seenEvents = new HashSet<>();
    private final Set<String> involvedNames = new LinkedHashSet<>();
    private List<PodProblem> problems = List.of();

    PodScanner(KubernetesClient client, EksWorkload workload, Clock clock, EventLog<DeployEvent> log) {
        this.client = client;
        this.workload = workload;
        this.clock = clock;
        this.log = log;
        involvedNames.add(workload.name());
    }

    /** Remembers the events that exist before the rollout, so only new ones are reported. */
    void baseline() {
        for (Event event : events()) {
            seenEvents.add(eventKey(event));
        }
    }

    /** One look at pods and events; {@code workload} is the object just read. */
    void scan(HasMetadata current) {
        List<Pod> pods = pods(current);
        List<PodProblem> now = new ArrayList<>();
        for (Pod pod : pods) {
            String podName = pod.getMetadata().getName();
            involvedNames.add(podName);
            problems(pod, now);
        }
        for (PodProblem p : now) {
            if (seenWaiting.add(p.pod() + "|" + p.container() + "|" + p.reason())) {
                log.emit(new PodWaiting(clock.instant(), p.pod(), p.container(), p.reason(), p.detail()));
            }
        }
        problems = List.copyOf(now);
        for (Event event : events()) {
            ObjectReference involved = event.getInvolvedObject();
            if (involved == null || !involvedNames.contains(involved.getName())) {
                continue;
            }
            if (seenEvents.add(eventKey(event))) {
                log.emit(new KubernetesEvent(eventTime(event), String.valueOf(involved.getKind()), involved.getName(),
                        String.valueOf(event.getType()), String.valueOf(event.getReason()),
                        event.getMessage() == null ? "" : event.getMessage().trim()));
            }
        }
    }

    /** The problems of the last scan. */
    List<PodProblem> problems() {
        return problems;
    }

    private List<Pod> pods(HasMetadata current) {
        var selector = Workloads.selector(current);
        if (selector == null) {
            return List.of();
        }
        List<Pod> pods = client.pods().inNamespace(workload.namespace()).withLabelSelector(selector).list().getItems();
        if (current instanceof Deployment deployment) {
            Optional<String> hash = newReplicaSetHash(deployment);
            if (hash.isPresent()) {
                return pods.stream().filter(p -> hash.get().equals(label(p, Workloads.POD_TEMPLATE_HASH))).toList();
            }
        }
        return pods;
    }

    /** The pod-template-hash of the ReplicaSet carrying the Deployment's current revision. */
    private Optional<String> newReplicaSetHash(Deployment deployment) {
        Optional<String> revision = Workloads.revision(deployment);
        if (revision.isEmpty()) {
            return Optional.empty();
        }
        for (ReplicaSet rs : ReplicaSets.owned(client, deployment)) {
            involvedNames.add(rs.getMetadata().getName());
            Map<String, String> annotations = rs.getMetadata().getAnnotations();
            if (annotations != null && revision.get().equals(annotations.get(Workloads.REVISION))) {
                return Optional.ofNullable(label(rs, Workloads.POD_TEMPLATE_HASH));
            }
        }
        return Optional.empty();
    }

    private static void problems(Pod pod, List<PodProblem> out) {
        String podName = pod.getMetadata().getName();
        var status = pod.getStatus();
        if (status == null) {
            return;
        }
        List<ContainerStatus> statuses = new ArrayList<>();
        if (status.getInitContainerStatuses() != null) {
            statuses.addAll(status.getInitContainerStatuses());
        }
        if (status.getContainerStatuses() != null) {
            statuses.addAll(status.getContainerStatuses());
        }
        for (ContainerStatus cs : statuses) {
            var waiting = cs.getState() == null ? null : cs.getState().getWaiting();
            if (waiting == null || waiting.getReason() == null || NORMAL_WAITING.contains(waiting.getReason())) {
                continue;
            }
            String detail = waiting.getMessage() == null ? "" : waiting.getMessage().trim();
            var last = cs.getLastState() == null ? null : cs.getLastState().getTerminated();
            if (last != null) {
                detail = (detail.isEmpty() ? "" : detail + "; ") + "last exit " + last.getExitCode()
                        + (last.getReason() == null ? "" : " (" + last.getReason() + ")");
            }
            out.add(new PodProblem(podName, cs.getName(), waiting.getReason(), detail));
        }
        if (status.getConditions() != null) {
            for (PodCondition c : status.getConditions()) {
                if ("PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()) && c.getReason() != null) {
                    out.add(new PodProblem(podName, "", c.getReason(), c.getMessage() == null ? "" : c.getMessage()));
                }
            }
        }
    }

    private List<Event> events() {
        return client.v1().events().inNamespace(workload.namespace()).list().getItems();
    }

    private Instant eventTime(Event event) {
        for (String time : new String[] {event.getLastTimestamp(), event.getFirstTimestamp(),
                event.getEventTime() == null ? null : event.getEventTime().getTime()}) {
            if (time != null) {
                try {
                    return Instant.parse(time);
                } catch (DateTimeParseException e) {
                    // fall through to the next field
                }
            }
        }
        return clock.instant();
    }

    private static String eventKey(Event event) {
        return event.getMetadata().getUid() + ":" + event.getMetadata().getName() + ":" + event.getCount();
    }

    static String label(HasMetadata object, String key) {
        Map<String, String> labels = object.getMetadata().getLabels();
        return labels == null ? null : labels.get(key);
    }

    static boolean ownedBy(HasMetadata object, HasMetadata owner) {
        List<OwnerReference> refs = object.getMetadata().getOwnerReferences();
        return refs != null && refs.stream().anyMatch(r -> Boolean.TRUE.equals(r.getController())
                && owner.getMetadata().getUid() != null && owner.getMetadata().getUid().equals(r.getUid()));
    }
}
