package io.github.ecrtoolkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.github.ecrtoolkit.core.PushResult;
import io.github.ecrtoolkit.core.Registry;
import io.github.ecrtoolkit.testing.aws.AwsCall;
import io.github.ecrtoolkit.testing.aws.AwsFault;
import io.github.ecrtoolkit.testing.aws.AwsStandIn;
import io.github.ecrtoolkit.testing.registry.LocalRegistry;

import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/** The README's "Testing your own code": a user's tests with ecr-toolkit-testing (run, not only compiled). */
class TestingYourCodeExampleTest {

    @RegisterExtension
    static final LocalRegistry registry = LocalRegistry.withBasicAuth();   // a real registry, Basic auth as on ECR

    @RegisterExtension
    static final AwsStandIn aws = AwsStandIn.create();                     // AWS APIs with state, a fresh account per test

    @Test
    void myServiceImage_isPushed(@TempDir Path app) throws Exception {
        Files.writeString(app.resolve("app.txt"), "my service\n");
        try (Registry target = registry.client()) {
            PushResult pushed = target.image().layer(app.resolve("app.txt"), "/app/app.txt").tag("my-service:test").push();
            assertThat(target.digestOf("my-service:test")).contains(pushed.digest());
        }
    }

    @Test
    void mySetupCode_createsTheRoleOnce_evenWhenIamThrottles() {
        aws.failNext("iam", "CreateRole", AwsFault.throttling());           // the SDK retries it
        try (IamClient iam = aws.configure(IamClient.builder()).httpClientBuilder(Apache5HttpClient.builder()).build()) {
            ensureRole(iam, "my-service-task");                             // the code under test
            ensureRole(iam, "my-service-task");
        }
        assertThat(aws.iam().role("my-service-task")).isPresent();          // asserted on the stand-in's state
        assertThat(aws.calls()).filteredOn(call -> call.equals(new AwsCall("iam", "CreateRole"))).hasSize(2);  // throttled, retried
    }

    /** A user's own idempotent set-up code. */
    private static void ensureRole(IamClient iam, String name) {
        try {
            iam.getRole(r -> r.roleName(name));
        } catch (NoSuchEntityException missing) {
            iam.createRole(r -> r.roleName(name).assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                            + "\"Principal\":{\"Service\":\"ecs-tasks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"));
        }
    }
}
