package io.github.ecrtoolkit.eks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

class ImagePatchTest {

    static Deployment deployment() {
        return new DeploymentBuilder().withNewMetadata().withName("web").addToAnnotations("a/b", "c").endMetadata()
                .withNewSpec().withNewTemplate().withNewSpec()
                .addNewContainer().withName("init-less").withImage("x:1").endContainer()
                .addNewContainer().withName("web").withImage("web:1").addNewEnv().withName("KEEP").withValue("1").endEnv()
                .addNewEnv().withName("TOKEN").withNewValueFrom().withNewSecretKeyRef("k", "s", false).endValueFrom()
                .endEnv().endContainer()
                .endSpec().endTemplate().endSpec().build();
    }

    @Test
    void patch_guardsContainerIndexWithNameTest() {
        ImagePatch patch = ImagePatch.of(deployment(), List.of("web"), "web:2", Map.of());

        assertThat(patch.operations()).startsWith(
                Map.of("op", "test", "path", "/spec/template/spec/containers/1/name", "value", "web"),
                Map.of("op", "replace", "path", "/spec/template/spec/containers/1/image", "value", "web:2"));
        assertThat(patch.operations()).last().isEqualTo(
                Map.of("op", "add", "path", "/metadata/annotations/kubernetes.io~1change-cause", "value", "ecr-toolkit: set image web=web:2"));
        assertThat(patch.previousImages()).isEqualTo(Map.of("web", "web:1"));
    }

    @Test
    void patch_environmentReplacesValueFromAndKeepsOthers() {
        ImagePatch patch = ImagePatch.of(deployment(), List.of("web"), "web:2", Map.of("TOKEN", "plain", "NEW", "n"));

        List<?> env = (List<?>) patch.operations().get(2).get("value");
        assertThat(env).extracting("name", "value", "valueFrom")
                .containsExactly(org.assertj.core.groups.Tuple.tuple("KEEP", "1", null),
                        org.assertj.core.groups.Tuple.tuple("TOKEN", "plain", null),
                        org.assertj.core.groups.Tuple.tuple("NEW", "n", null));
        assertThat(patch.toString()).doesNotContain("plain");
    }

    @Test
    void patch_withoutAnnotations_addsTheMap() {
        Deployment d = deployment();
        d.getMetadata().setAnnotations(null);

        ImagePatch patch = ImagePatch.of(d, List.of("web"), "web:2", Map.of());

        assertThat(patch.operations()).last().isEqualTo(
                Map.of("op", "add", "path", "/metadata/annotations", "value", Map.of("kubernetes.io/change-cause", "ecr-toolkit: set image web=web:2")));
    }

    @Test
    void patch_withUnknownContainer_namesTheKnownOnes() {
        assertThatThrownBy(() -> ImagePatch.of(deployment(), List.of("api"), "x", Map.of()))
                .hasMessageContaining("no container named 'api'").hasMessageContaining("[init-less, web]");
    }
}
