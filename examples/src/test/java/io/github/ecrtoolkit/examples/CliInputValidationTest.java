package io.github.ecrtoolkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad input on the command line gets one line saying what to write, no stack trace, and a non-zero
 * exit, before any call to AWS or a registry (the endpoint given is one nothing listens on).
 */
class CliInputValidationTest {

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "push --context . --image orders:1 --ecr 'not a region!'                          | unknown AWS region 'not a region!'",
        "push --context . --image orders:1 --ecr eu-wset-1                                | did you mean eu-west-1?",
        "deploy-ecs --cluster c --service s --image 'NOT-A/Valid:::image' --region eu-west-1 --endpoint http://127.0.0.1:9 | NOT-A/Valid:::image",
        "deploy-ecs --cluster c --service s --image web:1 --region 'not a region!' --endpoint http://127.0.0.1:9 | unknown AWS region",
        "deploy-ecs --cluster c --service s --image web:1 --endpoint 'ht tp://x'          | ht tp://x",
        "eks-token --cluster '' --region eu-west-1                                        | no EKS cluster name given",
        "eks-token --cluster arn:aws:eks:eu-west-1:123456789012:cluster/prod --region eu-west-1 | give the EKS cluster's name: prod",
        "eks-token --cluster prod --region 'not a region!'                                | unknown AWS region 'not a region!'",
        "deploy-eks --cluster prod --namespace shop --deployment web --image web:1 --region 'not a region!' | unknown AWS region",
    })
    void badInput_getsAMessage_withoutAStackTrace(String commandLine, String expected) {
        Run run = run(words(commandLine));

        assertThat(run.code()).as(run.err()).isNotZero();
        assertThat(run.err()).contains("error: ").contains(expected).doesNotContain("\tat ").doesNotContain("Exception in");
        assertThat(run.out()).doesNotContain("k8s-aws-v1.");
    }

    /** Splits at spaces, keeping 'quoted words' (quotes removed) together. */
    private static String[] words(String line) {
        java.util.List<String> words = new java.util.ArrayList<>();
        StringBuilder word = null;
        boolean quoted = false;
        for (char c : line.trim().toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
                word = word == null ? new StringBuilder() : word;
            } else if (c == ' ' && !quoted) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words.toArray(String[]::new);
    }
}
