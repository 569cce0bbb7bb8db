package io.github.ecrtoolkit.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.ecrtoolkit.core.LayerPushStatus;
import io.github.ecrtoolkit.core.PushResult;
import io.github.ecrtoolkit.core.Registry;
import io.github.ecrtoolkit.core.RegistryCredentials;
import io.github.ecrtoolkit.core.RegistryCredentialsProvider;
import io.github.ecrtoolkit.core.event.ProgressEvent;
import io.github.ecrtoolkit.core.event.ProgressAdapter;
import io.github.ecrtoolkit.core.event.ProgressListener;
import io.github.ecrtoolkit.core.image.ImageReference;
import io.github.ecrtoolkit.testing.Commands;
import io.github.ecrtoolkit.testing.OpenRegistry;
import io.github.ecrtoolkit.testing.TestDockerEngine;
import io.github.ecrtoolkit.testing.TestRegistry;
import io.github.ecrtoolkit.testing.TestServices;
import io.github.ecrtoolkit.testing.TestTools;

/** The engine client against the real Docker Engine and the Basic-auth registry of the test services. */
@ExtendWith(TestServices.class)
class DockerEngineIT {

    @TempDir
    Path dir;

    private DockerEngine engine;
    private final List<String> created = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void connect(TestDockerEngine testEngine) {
        engine = DockerEngine.connect(DockerHost.unixSocket(testEngine.socket()));
    }

    @AfterEach
    void cleanUp() {
        created.forEach(engine::remove);
        engine.close();
    }

    private String local(String name) {
        String tag = "ecrtk-docker-it/" + name + ":" + Contexts.suffix();
        created.add(tag);
        return tag;
    }

    @Test
    void connect_negotiatesTheEnginesApiVersion() {
        assertThat(engine.apiVersion()).isEqualTo("1.41");
    }

    @Nested
    class Build {

        @Test
        void build_withRun_runsTheCommandInTheImage(TestTools tools, TestDockerEngine cli) throws Exception {
            Path context = Contexts.withDockerfile(dir, tools,
                    "FROM scratch",
                    "COPY busybox /bin/busybox",
                    "RUN [\"/bin/busybox\",\"sh\",\"-c\",\"echo built > /out\"]",
                    "CMD [\"/bin/busybox\",\"cat\",\"/out\"]");
            String tag = local("run");
            List<String> lines = Collections.synchronizedList(new ArrayList<>());

            BuiltImage image = engine.build(context).tag(tag).listener(new ProgressAdapter() {
                @Override
                public void onBuildStep(ProgressEvent.BuildStep event) {
                    lines.add(event.message());
                }
            }).run();

            assertThat(image.id()).startsWith("sha256:");
            assertThat(lines).anyMatch(l -> l.startsWith("Step 3/4 : RUN"));
            assertThat(engine.inspect(tag)).hasValueSatisfying(d -> assertThat(d.id()).isEqualTo(image.id()));
            Commands.Result run = cli.docker(dir.resolve("cfg"), "run", "--rm", tag).assertSuccess();
            assertThat(run.stdout().trim()).isEqualTo("built");
        }

        @Test
        void build_withTarget_stopsAtThatStage(TestTools tools, TestDockerEngine cli) throws Exception {
            Path context = Contexts.withDockerfile(dir, tools,
                    "FROM scratch AS base",
                    "COPY busybox /bin/busybox",
                    "RUN [\"/bin/busybox\",\"sh\",\"-c\",\"echo base > /stage\"]",
                    "FROM base AS tools",
                    "RUN [\"/bin/busybox\",\"sh\",\"-c\",\"echo tools > /stage\"]",
                    "FROM base",
                    "RUN [\"/bin/busybox\",\"sh\",\"-c\",\"echo final > /stage\"]");
            String tools1 = local("target");

            engine.build(context).tag(tools1).target("tools").run();

            Commands.Result run = cli.docker(dir.resolve("cfg"), "run", "--rm", tools1, "/bin/busybox", "cat", "/stage").assertSuccess();
            assertThat(run.stdout().trim()).isEqualTo("tools");
        }

        @Test
        void build_withArgsAndLabels_showsThemInDockerInspect(TestTools tools, TestDockerEngine cli) throws Exception {
            Path context = Contexts.withDockerfile(dir, tools,
                    "FROM scratch",
                    "ARG VERSION=unset",
                    "COPY busybox /bin/busybox",
                    "ENV APP_VERSION=$VERSION",
                    "RUN [\"/bin/busybox\",\"sh\",\"-c\",\"echo $VERSION > /version\"]");
            String tag = local("args");

            engine.build(context).tag(tag).buildArg("VERSION", "1.4.2").label("team", "orders").label("tier", "gold").run();

            String labels = cli.docker(dir.resolve("cfg"), "inspect", "--format", "{{json .Config.Labels}}", tag)
                    .assertSuccess().stdout();
            assertThat(labels).contains("\"team\":\"orders\"", "\"tier\":\"gold\"");
            String env = cli.docker(dir.resolve("cfg"), "inspect", "--format", "{{json .Config.Env}}", tag).assertSuccess().stdout();
            assertThat(env).contains("APP_VERSION=1.4.2");
            assertThat(cli.docker(dir.resolve("cfg"), "run", "--rm", tag, "/bin/busybox", "cat", "/version")
                    .assertSuccess().stdout().trim()).isEqualTo("1.4.2");
        }

        @Test
        void build_whenRunFails_reportsStepExitCodeAndOutput(TestTools tools) throws Exception {
            Path context = Contexts.withDockerfile(dir, tools,
                    "FROM scratch",
                    "COPY busybox /bin/busybox",
                    "RUN [\"/bin/busybox\",\"sh\",\"-c\",\"echo about to fail; exit 7\"]",
                    "CMD [\"/bin/busybox\",\"true\"]");

            assertThatThrownBy(() -> engine.build(context).tag(local("fails")).run())
                    .isInstanceOfSatisfying(BuildFailedException.class, e -> {
                        assertThat(e.step()).hasValueSatisfying(s -> assertThat(s).startsWith("Step 3/4 : RUN"));
                        assertThat(e.exitCode()).hasValue(7);
                        assertThat(e.outputTail()).contains("about to fail");
                        assertThat(e.getMessage()).contains("Step 3/4 : RUN", "returned a non-zero code: 7", "about to fail");
                    });
        }

        @Test
        void build_withDockerignore_leavesTheSecretOutOfTheContextAndTheImage(TestTools tools, TestDockerEngine cli)
                throws Exception {
            Path context = Contexts.withDockerfile(dir, tools,
                    "FROM scratch",
                    "COPY . /ctx/",
                    "CMD [\"/ctx/busybox\",\"find\",\"/ctx\"]");
            Files.writeString(context.resolve("secret.txt"), "do-not-ship");
            Files.createDirectories(context.resolve("conf"));
            Files.writeString(context.resolve("conf/app.key"), "private");
            Files.writeString(context.resolve("conf/public.key"), "public");
            Files.writeString(context.resolve("app.txt"), "app");
            Files.writeString(context.resolve(".dockerignore"), "secret.txt\n**/*.key\n!conf/public.key\n");
            String tag = local("ignore");

            engine.build(context).tag(tag).run();

            List<String> files = List.of(cli.docker(dir.resolve("cfg"), "run", "--rm", tag).assertSuccess().stdout().split("\n"));
            assertThat(files).contains("/ctx/app.txt", "/ctx/busybox", "/ctx/conf/public.key", "/ctx/Dockerfile")
                    .doesNotContain("/ctx/secret.txt", "/ctx/conf/app.key");
        }

        @Test
        void build_whenTheDockerfileCopiesAnIgnoredFile_failsBecauseTheEngineNeverGotIt(TestTools tools) throws Exception {
            Path context = Contexts.withDockerfile(dir, tools, "FROM scratch", "COPY secret.txt /secret.txt");
            Files.writeString(context.resolve("secret.txt"), "do-not-ship");
            Files.writeString(context.resolve(".dockerignore"), "secret.txt\n");

            assertThatThrownBy(() -> engine.build(context).tag(local("ignored-copy")).run())
                    .isInstanceOfSatisfying(BuildFailedException.class, e -> {
                        assertThat(e.step()).hasValue("Step 2/2 : COPY secret.txt /secret.txt");
                        assertThat(e.engineMessage()).contains("secret.txt");
                    });
        }

        @Test
        void build_again_withNothingChanged_reusesTheImageWithoutSendingTheContext_andRebuildsOnAnyChange(TestTools tools)
                throws Exception {
            Path context = Contexts.withDockerfile(dir, tools,
                    "FROM scratch",
                    "COPY . /ctx/",
                    "RUN [\"/ctx/busybox\",\"sh\",\"-c\",\"cat /ctx/app.txt > /out\"]");
            Files.writeString(context.resolve("app.txt"), "v1 " + Contexts.suffix());
            String tag = local("unchanged");
            String other = local("unchanged-other");
            BuiltImage first = engine.build(context).tag(tag).run();

            BuiltImage again = engine.build(context).tag(tag).tag(other).run();

            assertThat(again.id()).isEqualTo(first.id());
            assertThat(again.output()).singleElement().asString().contains("unchanged");
            assertThat(engine.inspect(other)).hasValueSatisfying(d -> assertThat(d.id()).isEqualTo(first.id()));

            Files.writeString(context.resolve("app.txt"), "v2 " + Contexts.suffix());
            BuiltImage changed = engine.build(context).tag(tag).run();
            assertThat(changed.id()).isNotEqualTo(first.id());
            assertThat(changed.output()).anyMatch(l -> l.startsWith("Step 3/3 : RUN"));

            engine.remove(tag);
            engine.remove(changed.id());
            BuiltImage rebuilt = engine.build(context).tag(tag).run();
            assertThat(rebuilt.output()).anyMatch(l -> l.startsWith("Step 3/3 : RUN"));
        }

        @Test
        void build_withALinkLeavingTheContext_sendsItAsALinkLikeTheCli(TestTools tools, TestDockerEngine cli) throws Exception {
            Path context = Contexts.withDockerfile(dir, tools,
                    "FROM scratch",
                    "COPY . /ctx/",
                    "CMD [\"/ctx/busybox\",\"readlink\",\"/ctx/outside\"]");
            Files.createSymbolicLink(context.resolve("outside"), Path.of("../../etc/secret-elsewhere"));
            String tag = local("link");

            engine.build(context).tag(tag).run();

            assertThat(cli.docker(dir.resolve("cfg"), "run", "--rm", tag).assertSuccess().stdout().trim())
                    .isEqualTo("../../etc/secret-elsewhere");
        }

        @Test
        void build_withoutDockerfile_saysWhereItLooked() {
            assertThatThrownBy(() -> engine.build(dir).run())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(dir.resolve("Dockerfile").toString());
        }
    }

    @Nested
    class Push {

        @ParameterizedTest
        @EnumSource(PushMode.class)
        void push_toBasicAuthRegistry_canBePulledAndRunByTheCli(PushMode mode, TestTools tools, TestRegistry registry,
                TestDockerEngine cli) throws Exception {
            Path context = Contexts.withDockerfile(dir, tools,
                    "FROM scratch",
                    "COPY busybox /bin/busybox",
                    "RUN [\"/bin/busybox\",\"sh\",\"-c\",\"echo pushed-by-engine > /out\"]",
                    "CMD [\"/bin/busybox\",\"cat\",\"/out\"]");
            String suffix = Contexts.suffix();
            ImageReference first = ImageReference.parse(registry.host() + "/ecrtk-docker/push-" + suffix + ":1");
            ImageReference second = first.withTag("latest");
            created.add(first.toString());
            created.add(second.toString());
            engine.build(context).tag(first.toString()).tag(second.toString()).run();

            PushResult result = engine.push(List.of(first, second), RegistryCredentialsProvider.of(credentials(registry)),
                    ProgressListener.NONE, mode);

            assertThat(result.references()).containsExactly(first, second);
            assertThat(result.layers()).hasSize(2).allSatisfy(l -> assertThat(l.size()).isPositive());
            // a new repository: each layer is uploaded, or mounted from another repository the engine pushed it to
            assertThat(result.layers()).allSatisfy(l -> assertThat(l.status()).isIn(LayerPushStatus.PUSHED, LayerPushStatus.MOUNTED));
            assertThat(result.layers().get(1).status()).as("the RUN layer is new").isEqualTo(LayerPushStatus.PUSHED);
            assertThat(result.manifestMediaType()).isEqualTo("application/vnd.docker.distribution.manifest.v2+json");
            assertThat(result.imageUri()).isEqualTo(first + "@" + result.digest());

            Path config = Files.createDirectories(dir.resolve("pull-config"));
            cli.docker(config, "rmi", first.toString(), second.toString()).assertSuccess();
            CliLogin.login(cli, config, registry);
            String pinned = result.imageUri().replaceFirst(":1@", "@");
            cli.docker(config, "pull", pinned).assertSuccess();
            created.add(pinned);
            assertThat(cli.docker(config, "run", "--rm", pinned).assertSuccess().stdout().trim()).isEqualTo("pushed-by-engine");

            engine.tag(pinned, first);
            PushResult again = engine.push(List.of(first), RegistryCredentialsProvider.of(credentials(registry)),
                    ProgressListener.NONE, mode);
            assertThat(again.digest()).isEqualTo(result.digest());
            assertThat(again.layers()).allSatisfy(l -> assertThat(l.status()).isEqualTo(LayerPushStatus.ALREADY_PRESENT));
        }

        @Test
        void push_withWrongPassword_isRefusedWithoutShowingThePassword(TestTools tools, TestRegistry registry) throws Exception {
            Path context = Contexts.withDockerfile(dir, tools, "FROM scratch", "COPY busybox /bin/busybox");
            ImageReference reference = ImageReference.parse(registry.host() + "/ecrtk-docker/refused-" + Contexts.suffix() + ":1");
            created.add(reference.toString());
            engine.build(context).tag(reference.toString()).run();
            String wrong = "wrong-" + Contexts.suffix();

            assertThatThrownBy(() -> engine.push(reference, RegistryCredentials.basic("AWS", wrong)))
                    .isInstanceOf(PushRefusedException.class)
                    .hasMessageContaining(reference.toString())
                    .satisfies(e -> assertThat(stackTraceOf(e)).doesNotContain(wrong));
        }

        @Test
        void push_ofAnImageTheEngineDoesNotHave_saysImageNotFound(TestRegistry registry) {
            ImageReference missing = ImageReference.parse(registry.host() + "/ecrtk-docker/missing-" + Contexts.suffix() + ":1");

            assertThatThrownBy(() -> engine.push(missing, credentials(registry)))
                    .isInstanceOf(ImageNotFoundException.class).hasMessageContaining(missing.toString());
        }
    }

    @Nested
    class LoadAndExport {

        @Test
        void load_ofAnExportedImage_makesItRunnableAgain(TestTools tools, TestDockerEngine cli) throws Exception {
            Path context = Contexts.withDockerfile(dir, tools,
                    "FROM scratch",
                    "COPY busybox /bin/busybox",
                    "CMD [\"/bin/busybox\",\"echo\",\"loaded\"]");
            String tag = local("load");
            engine.build(context).tag(tag).run();
            Path tarball = dir.resolve("image.tar");
            try (OutputStream out = Files.newOutputStream(tarball)) {
                engine.export(tag, out);
            }
            engine.remove(tag);
            assertThat(engine.inspect(tag)).isEmpty();

            List<String> loaded = engine.load(tarball);

            assertThat(loaded).containsExactly(tag);
            assertThat(cli.docker(dir.resolve("cfg"), "run", "--rm", tag).assertSuccess().stdout().trim()).isEqualTo("loaded");
        }

        @Test
        void load_ofADaemonlessTarball_runsInTheEngine(TestTools tools, TestDockerEngine cli, @OpenRegistry TestRegistry open)
                throws Exception {
            Path context = Contexts.withDockerfile(dir, tools,
                    "FROM scratch",
                    "COPY busybox /bin/busybox",
                    "CMD [\"/bin/busybox\",\"echo\",\"built-without-a-daemon\"]");
            String repository = "ecrtk-docker-it/daemonless-" + Contexts.suffix();
            Path tarball;
            try (Registry registry = Registry.builder().host(open.host()).allowInsecureLoopback(true).build()) {
                tarball = registry.build(context).tag(repository + ":1").writeTarball(dir.resolve("daemonless.tar"));
            }
            String name = open.host() + "/" + repository + ":1";
            created.add(name);

            List<String> loaded = engine.load(tarball);

            assertThat(loaded).containsExactly(name);
            assertThat(cli.docker(dir.resolve("cfg"), "run", "--rm", name).assertSuccess().stdout().trim())
                    .isEqualTo("built-without-a-daemon");
        }

        @Test
        void export_ofAMissingImage_saysImageNotFound() {
            assertThatThrownBy(() -> engine.export("ecrtk-docker-it/none:" + Contexts.suffix(), new ByteArrayOutputStream()))
                    .isInstanceOf(ImageNotFoundException.class);
        }
    }

    @Test
    void connect_whenNoEngineListens_saysWhereItLooked() {
        Path nowhere = dir.resolve("no-engine.sock");

        assertThatThrownBy(() -> DockerEngine.connect(DockerHost.unixSocket(nowhere)))
                .isInstanceOf(EngineUnreachableException.class)
                .hasMessageContaining("unix://" + nowhere)
                .hasMessageContaining("DOCKER_HOST");
    }

    static RegistryCredentials credentials(TestRegistry registry) {
        return RegistryCredentials.basic(registry.username().orElseThrow(), registry.password().orElseThrow());
    }

    static String stackTraceOf(Throwable e) {
        java.io.StringWriter text = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(text));
        return text + e.toString();
    }
}
