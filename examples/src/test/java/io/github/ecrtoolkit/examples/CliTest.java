package io.github.ecrtoolkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every command shares: help, version, usage errors, exit codes, no stack traces without --debug. */
class CliTest {

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Every command, read from the command tree itself so that a new command is covered without a change here. */
    static List<String> commands() {
        return new ArrayList<>(Cli.commandLine(Map.of()).getSubcommands().keySet());
    }

    @Test
    void commands_includeTheExistingOnes() {
        assertThat(commands()).contains("push", "build", "deploy-ecs", "eks-token", "deploy-eks", "completion");
    }

    @ParameterizedTest
    @MethodSource("commands")
    void help_onEveryCommand_exitsZero_onStdout(String command) {
        Run run = run(command, "--help");

        assertThat(run.code()).isZero();
        assertThat(run.out()).startsWith("usage: ecr-toolkit " + command).contains("--help", "--version", "--debug");
        assertThat(run.err()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("commands")
    void version_onEveryCommand_exitsZero_onStdout(String command) {
        Run run = run(command, "--version");

        assertThat(run.code()).isZero();
        assertThat(run.out().trim()).matches("ecr-toolkit \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(run.err()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("commands")
    void unknownOption_onEveryCommand_exitsTwo_errorThenUsageOnStderr(String command) {
        Run run = run(command, "--no-such-option");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: Unknown option: '--no-such-option'")
                .contains("usage: ecr-toolkit " + command).doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void topLevel_helpAndVersion_exitZero_onStdout() {
        Run help = run("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).startsWith("usage: ecr-toolkit").contains("commands:", "push", "deploy-ecs", "deploy-eks",
                "eks-token", "completion");
        assertThat(run("--version").out()).startsWith("ecr-toolkit ");
        assertThat(run("-V").code()).isZero();
    }

    @Test
    void noCommand_orAnUnknownOne_exitsTwo_withUsageOnStderr() {
        for (Run run : List.of(run(), run("frobnicate"))) {
            assertThat(run.code()).isEqualTo(2);
            assertThat(run.err()).startsWith("error: ").contains("usage: ecr-toolkit", "commands:");
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void help_showsDefaults_andTheOptionsThatWereHidden() {
        String help = run("deploy-ecs", "--help").out();

        assertThat(help).contains("--timeout=DURATION").contains("Default: 15m")
                .contains("--poll-interval=DURATION").contains("Default: 6s")
                .contains("--region=REGION").contains("--endpoint=URL");
    }

    @Test
    void badDuration_isAUsageError_sayingWhatToWrite() {
        Run run = run("deploy-ecs", "--cluster", "c", "--service", "s", "--image", "i", "--timeout", "soon");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: Invalid value for option '--timeout': not a duration: soon (use e.g. 90s, 10m, 1h or PT10M)");
    }

    @Test
    void failure_withoutDebug_hasNoStackTrace_withDebug_hasOne() {
        // --image without a registry fails at run time: exit code 1
        Run plain = run("push", "--context", ".", "--image", "app:1");
        Run debug = run("push", "--context", ".", "--image", "app:1", "--debug");

        assertThat(plain.code()).isEqualTo(1);
        assertThat(plain.err()).isEqualTo("error: --image app:1 names no registry; write host[:port]/repository:tag, or add --ecr REGION"
                + System.lineSeparator());
        assertThat(debug.code()).isEqualTo(1);
        assertThat(debug.err()).startsWith("error: --image app:1 names no registry")
                .contains("EcrToolkitException", "\tat io.github.ecrtoolkit.examples.PushCommand");
    }

    @Test
    void build_withAnUnknownOutput_isAUsageError_namingTheChoices() {
        Run run = run("build", "--context", ".", "--tag", "app:1", "--output", "zip");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: Invalid value for option '--output': expected one of [tar, oci, docker]");
    }

    @Test
    void completion_printsABashScript_coveringEveryCommandAndOption() {
        Run run = run("completion");

        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("complete -F", "ecr-toolkit", "deploy-ecs", "--rollback-on-failure", "--builder");
        assertThat(run.out()).contains("(\"docker\" \"daemonless\") # --builder values");
    }
}
