package io.github.ecrtoolkit.eks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.github.ecrtoolkit.testing.ConformanceData;
import io.github.ecrtoolkit.testing.ConformanceData.Vector;

/**
 * {@link RolloutStatus} against kubectl's {@code rollout_status_test.go}: the same object gives the
 * same message, and the rollout is never done where kubectl says it is not ("equal" vectors: done
 * exactly when kubectl says so). A vector where kubectl refuses to watch (an {@code OnDelete}
 * strategy) is one the deployer refuses before changing anything ({@link Workloads#unsupportedStrategy}).
 */
class RolloutStatusConformanceTest {

    private static final String FILE = "kubectl-rollout-status.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Vectors the project deliberately does not follow, by "test case", with the reason. */
    private static final Map<String, String> EXCLUSIONS = Map.of();

    @TestFactory
    Stream<DynamicTest> kubectlRolloutStatus() {
        return ConformanceData.run("kubectl rollout status", ConformanceData.jsonLines(FILE),
                v -> v.text("test") + " " + v.text("case"), EXCLUSIONS, RolloutStatusConformanceTest::check);
    }

    private static void check(Vector v) throws Exception {
        HasMetadata workload = workload(v);
        if (v.json().path("err").asBoolean(false)) {
            assertThat(Workloads.unsupportedStrategy(workload)).as("refused before a rollout starts").isPresent();
            return;
        }
        assertThat(Workloads.unsupportedStrategy(workload)).isEmpty();
        RolloutStatus status = RolloutStatus.of(workload);
        assertThat(status.message()).isEqualTo(v.text("msg").stripTrailing());
        boolean done = status.state() == RolloutStatus.State.DONE;
        if (v.text("doneCheck").equals("equal")) {
            assertThat(done).as("done").isEqualTo(v.json().get("done").asBoolean());
        } else if (done) {
            assertThat(v.json().get("done").asBoolean()).as("kubectl says done too").isTrue();
        }
    }

    /** The apps/v1 object the Go test builds, from the vector's fields (Go names to JSON names). */
    private static HasMetadata workload(Vector v) throws Exception {
        String kind = v.text("kind");
        ObjectNode object = JSON.createObjectNode().put("apiVersion", "apps/v1").put("kind", kind);
        object.putObject("metadata").put("name", v.text("name")).put("namespace", v.text("namespace"))
                .put("generation", v.json().path("generation").asLong(0));
        ObjectNode spec = object.putObject("spec");
        if (v.has("specReplicas")) {
            spec.put("replicas", v.json().get("specReplicas").asInt());
        }
        if (v.has("strategy")) {
            spec.set(kind.equals("Deployment") ? "strategy" : "updateStrategy", camelCase(v.json().get("strategy")));
        }
        object.set("status", camelCase(v.json().get("status")));
        Class<? extends HasMetadata> type = switch (kind) {
            case "Deployment" -> Deployment.class;
            case "StatefulSet" -> StatefulSet.class;
            default -> DaemonSet.class;
        };
        return JSON.treeToValue(object, type);
    }

    /** Go field names ({@code ObservedGeneration}) to the API's JSON names ({@code observedGeneration}). */
    private static JsonNode camelCase(JsonNode node) {
        if (!node.isObject()) {
            return node;
        }
        ObjectNode out = JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey().substring(0, 1).toLowerCase(Locale.ROOT) + field.getKey().substring(1);
            out.set(name, camelCase(field.getValue()));
        }
        return out;
    }
}
