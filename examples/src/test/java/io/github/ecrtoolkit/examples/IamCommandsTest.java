package io.github.ecrtoolkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.ecrtoolkit.testing.aws.AwsStandIn;

class IamCommandsTest {

    @RegisterExtension
    static final AwsStandIn aws = AwsStandIn.create();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void credentials() {
        // the commands take credentials from the default chain: system properties are its first link
        System.setProperty("aws.accessKeyId", AwsStandIn.ACCESS_KEY_ID);
        System.setProperty("aws.secretAccessKey", AwsStandIn.SECRET_ACCESS_KEY);
    }

    @AfterEach
    void clear() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        assertThat(out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8))
                .doesNotContain(AwsStandIn.SECRET_ACCESS_KEY).doesNotContain(AwsStandIn.ACCESS_KEY_ID);
    }

    @Test
    void iamPolicy_printsTheScopedPolicy_withoutCallingAws() throws Exception {
        int exit = run(false, "iam-policy", "--for", "deploy-ecs", "--cluster", "prod", "--service", "orders",
                "--role", "ordersTaskRole", "--account", "123456789012", "--region", "eu-west-1");

        assertThat(exit).isZero();
        JsonNode policy = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(policy.path("Statement").toString()).contains("arn:aws:ecs:eu-west-1:123456789012:service/prod/orders")
                .contains("\"iam:PassedToService\":[\"ecs-tasks.amazonaws.com\"]");
        assertThat(aws.calls()).isEmpty();
    }

    @Test
    void iamPolicy_attachToRole_createsAndAttaches() throws Exception {
        aws.iam().givenRole("github-deploy", "ecs-tasks.amazonaws.com");

        int exit = run(true, "iam-policy", "--for", "push", "--repository", "orders", "--attach-to-role", "github-deploy");

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).strip())
                .isEqualTo("created arn:aws:iam::123456789012:policy/ecr-toolkit-push, attached to role github-deploy");
        assertThat(aws.iam().role("github-deploy").orElseThrow().attachedPolicyArns())
                .containsExactly("arn:aws:iam::123456789012:policy/ecr-toolkit-push");
    }

    @Test
    void preflight_listsEachAction_andExitsOneWhenOneIsDenied() throws Exception {
        aws.iam().deny("ecs:UpdateService");

        int exit = run(true, "preflight", "--for", "deploy-ecs", "--cluster", "prod", "--service", "orders");

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).isEqualTo(1);
        assertThat(printed).contains("allowed ecs:DescribeServices\n").contains("denied ecs:UpdateService\n")
                .contains("denied ecs:UpdateService. Nothing was changed.").contains("iam-policy --for deploy-ecs");
    }

    @Test
    void doctor_printsTheReport_namingATypoedRegion_andExitsOne() throws Exception {
        int exit = run(true, "doctor", "--region", "eu-wset-1");

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("'eu-wset-1' (from given) is not an AWS region; did you mean eu-west-1?")
                .contains("account 123456789012, arn:aws:iam::123456789012:user/developer")
                .contains("pre-flight push");
    }

    @Test
    void everyCommand_acceptsRegion_andHasHelp() throws Exception {
        for (String command : List.of("doctor", "iam-policy", "preflight")) {
            out.reset();
            assertThat(run(false, command, "--help")).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("--region");
        }
    }

    private int run(boolean endpoint, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        if (endpoint) {
            all.add("--endpoint");
            all.add(aws.endpoint().toString());
        }
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8); PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            return Cli.run(all.toArray(String[]::new), Map.of(), o, e);
        }
    }
}
