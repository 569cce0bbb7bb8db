package io.github.ecrtoolkit.core.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.ecrtoolkit.core.image.ContainerConfig;
import io.github.ecrtoolkit.core.layer.LayerBlobWriter;
import io.github.ecrtoolkit.core.layer.LayerEntry;
import io.github.ecrtoolkit.core.layer.LayerSpec;
import io.github.ecrtoolkit.core.layer.internal.EntryCollector;

class DockerfilePlannerTest {

    @TempDir
    Path context;

    @BeforeEach
    void files() throws IOException {
        Files.createDirectories(context.resolve("target/lib"));
        Files.writeString(context.resolve("target/app.jar"), "app");
        Files.writeString(context.resolve("target/lib/a.jar"), "a");
        Files.writeString(context.resolve("target/lib/b.jar"), "b");
        Files.writeString(context.resolve("run.sh"), "#!/bin/sh\n");
        Files.writeString(context.resolve("notes.md"), "notes");
    }

    private DockerfilePlanner planner(String... lines) throws IOException {
        Files.writeString(context.resolve("Dockerfile"), String.join("\n", lines) + "\n");
        return DockerfilePlanner.builder(context).build();
    }

    private BuildPlan plan(String... lines) throws IOException {
        return planner(lines).plan(ContainerConfig.empty());
    }

    private static List<String> paths(LayerSpec layer) {
        return layer.entries().stream().map(LayerEntry::path).toList();
    }

    private DockerfileException failure(ContainerConfig base, String... lines) throws IOException {
        try {
            planner(lines).plan(base);
        } catch (DockerfileException e) {
            return e;
        }
        throw new AssertionError("expected a DockerfileException");
    }

    private DockerfileException failure(String... lines) throws IOException {
        return failure(ContainerConfig.empty(), lines);
    }

    @Test
    void anotherPlatformsPlanner_reusesTheWalkOfACopyThatIsTheSame_andWalksOneThatDiffers() throws IOException {
        Files.writeString(Files.createDirectories(context.resolve("bin/amd64")).resolve("tool"), "x86");
        Files.writeString(Files.createDirectories(context.resolve("bin/arm64")).resolve("tool"), "arm");
        DockerfilePlanner amd64 = planner("FROM scratch", "ARG TARGETARCH", "COPY target/lib/ /app/lib/", "COPY bin/${TARGETARCH}/ /bin/");
        DockerfilePlanner arm64 = amd64.forPlatform("linux/arm64");

        long before = EntryCollector.walks();
        BuildPlan x86 = amd64.forPlatform("linux/amd64").plan(ContainerConfig.empty());
        long afterFirst = EntryCollector.walks();
        BuildPlan arm = arm64.plan(ContainerConfig.empty());

        assertThat(afterFirst - before).isEqualTo(2);
        assertThat(EntryCollector.walks() - afterFirst).as("only bin/arm64 walked again").isEqualTo(1);
        assertThat(arm.layers().get(0)).isSameAs(x86.layers().get(0));
        assertThat(Files.readString(arm.layers().get(1).entries().get(1).source().orElseThrow())).isEqualTo("arm");
        assertThat(arm64.platform()).isEqualTo("linux/arm64");
        assertThatThrownBy(() -> amd64.forPlatform("arm64")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPlannersOwnPlans_statTheFilesAfreshEachTime() throws IOException {
        DockerfilePlanner planner = planner("FROM scratch", "COPY target/lib/ /app/lib/");
        BuildPlan first = planner.plan(ContainerConfig.empty());
        Files.writeString(context.resolve("target/lib/c.jar"), "c");
        long before = EntryCollector.walks();

        BuildPlan second = planner.plan(ContainerConfig.empty());

        assertThat(EntryCollector.walks() - before).isEqualTo(1);
        assertThat(paths(second.layers().get(0))).contains("app/lib/c.jar");
        assertThat(paths(first.layers().get(0))).doesNotContain("app/lib/c.jar");
    }

    @Test
    void expose_splitsAnExpandedValueAtSpaces_asDocker() throws IOException {
        BuildPlan plan = plan("FROM scratch", "ARG PORTS=\"80 443\"", "EXPOSE $PORTS 53/udp");
        assertThat(plan.config().exposedPorts()).containsExactlyInAnyOrder("80/tcp", "443/tcp", "53/udp");
    }

    @Test
    void aTypicalJavaDockerfile_becomesLayersConfigAndHistory() throws IOException {
        BuildPlan plan = plan(
                "# syntax=docker/dockerfile:1",
                "ARG BASE=scratch",
                "FROM ${BASE}",
                "ARG VERSION=1.0",
                "LABEL org.opencontainers.image.version=$VERSION \\",
                "      org.opencontainers.image.title=\"orders service\"",
                "ENV APP_HOME=/opt/app JAVA_OPTS=\"-Xmx256m\"",
                "WORKDIR $APP_HOME",
                "COPY target/lib/ lib/",
                "COPY --chmod=0755 run.sh .",
                "COPY target/app.jar app.jar",
                "USER 1000:1000",
                "EXPOSE 8080 9000-9001/udp",
                "VOLUME /data /cache",
                "STOPSIGNAL SIGINT",
                "HEALTHCHECK --interval=30s --timeout=5s --start-period=1m30s --retries=3 CMD curl -f http://localhost:8080/",
                "MAINTAINER team@example.com",
                "ONBUILD COPY . /src",
                "ENTRYPOINT [\"java\", \"-jar\", \"app.jar\"]",
                "CMD -- --port 8080");

        assertThat(plan.base().isScratch()).isTrue();
        assertThat(plan.base().platform()).isEqualTo("linux/amd64");
        assertThat(plan.layers()).hasSize(3);
        assertThat(paths(plan.layers().get(0))).containsExactly("opt", "opt/app", "opt/app/lib", "opt/app/lib/a.jar", "opt/app/lib/b.jar");
        assertThat(plan.layers().get(1).entries()).last().satisfies(e -> {
            assertThat(e.path()).isEqualTo("opt/app/run.sh");
            assertThat(e.mode()).isEqualTo(0755);
        });
        assertThat(paths(plan.layers().get(2))).endsWith("opt/app/app.jar");
        assertThat(plan.layers().get(0).description()).isEqualTo("COPY target/lib/ lib/");

        ContainerConfig c = plan.config();
        assertThat(c.labels()).containsEntry("org.opencontainers.image.version", "1.0")
                .containsEntry("org.opencontainers.image.title", "orders service");
        assertThat(c.env()).containsExactly(Map.entry("APP_HOME", "/opt/app"), Map.entry("JAVA_OPTS", "-Xmx256m"));
        assertThat(c.workingDir()).contains("/opt/app");
        assertThat(c.user()).contains("1000:1000");
        assertThat(c.exposedPorts()).containsExactly("8080/tcp", "9000/udp", "9001/udp");
        assertThat(c.volumes()).containsExactly("/cache", "/data");
        assertThat(c.stopSignal()).contains("SIGINT");
        ContainerConfig.Healthcheck h = c.healthcheck().orElseThrow();
        assertThat(h.test()).containsExactly("CMD-SHELL", "curl -f http://localhost:8080/");
        assertThat(h.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(h.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(h.startPeriod()).isEqualTo(Duration.ofSeconds(90));
        assertThat(h.retries()).isEqualTo(3);
        assertThat(c.onBuild()).containsExactly("COPY . /src");
        assertThat(c.entrypoint()).contains(List.of("java", "-jar", "app.jar"));
        assertThat(c.cmd()).contains(List.of("/bin/sh", "-c", "--port 8080"));
        assertThat(plan.author()).contains("team@example.com");
        assertThat(plan.args()).containsEntry("VERSION", "1.0");

        assertThat(plan.history()).extracting(BuildPlan.HistoryEntry::createdBy).first()
                .isEqualTo("LABEL org.opencontainers.image.version=$VERSION       org.opencontainers.image.title=\"orders service\"");
        assertThat(plan.history().stream().filter(h2 -> !h2.emptyLayer()).count()).isEqualTo(3);
        assertThat(plan.history()).hasSize(15); // every instruction after FROM except ARG
    }

    @Test
    void oneChangedFile_changesOnlyTheLayerThatHoldsIt(@TempDir Path blobs) throws IOException {
        DockerfilePlanner planner = planner("FROM scratch", "COPY target/lib/ /app/lib/", "COPY target/app.jar /app/");
        LayerBlobWriter writer = LayerBlobWriter.create();
        List<String> before = planner.plan(ContainerConfig.empty()).layers().stream().map(l -> writer.write(l, blobs).digest()).toList();
        assertThat(planner.plan(ContainerConfig.empty()).layers().stream().map(l -> writer.write(l, blobs).digest()).toList())
                .isEqualTo(before);
        Files.writeString(context.resolve("target/app.jar"), "app v2");
        List<String> after = planner.plan(ContainerConfig.empty()).layers().stream().map(l -> writer.write(l, blobs).digest()).toList();
        assertThat(after.get(0)).isEqualTo(before.get(0));
        assertThat(after.get(1)).isNotEqualTo(before.get(1));
    }

    @Test
    void toString_showsBuildArgNamesNotValues() throws IOException {
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nARG TOKEN\n");
        BuildPlan plan = DockerfilePlanner.builder(context).buildArg("TOKEN", "s3cr3t-value").build().plan(ContainerConfig.empty());
        assertThat(plan.args()).containsEntry("TOKEN", "s3cr3t-value");
        assertThat(plan.toString()).contains("TOKEN").doesNotContain("s3cr3t-value");
    }

    @Test
    void samePlan_twice_givesEqualLayerSpecs() throws IOException {
        DockerfilePlanner planner = planner("FROM scratch", "COPY . /app/");
        assertThat(planner.plan(ContainerConfig.empty())).isEqualTo(planner.plan(ContainerConfig.empty()));
    }

    @Nested
    class From {
        @Test
        void buildArgsAndPlatform_areSubstituted() throws IOException {
            Files.writeString(context.resolve("Dockerfile"), "ARG REGISTRY=localhost:5000\nARG TAG\n"
                    + "FROM --platform=$BUILDPLATFORM ${REGISTRY}/base:${TAG:-latest} AS app\n");
            DockerfilePlanner planner = DockerfilePlanner.builder(context).buildArg("TAG", "21").platform("linux/arm64").build();
            BaseImage base = planner.base();
            assertThat(base.reference()).isEqualTo("localhost:5000/base:21");
            assertThat(base.image()).contains("localhost:5000/base:21");
            assertThat(base.platform()).isEqualTo("linux/arm64");
            assertThat(base.line()).isEqualTo(3);
        }

        @Test
        void targetStage_isBuiltAndOtherStagesMayHoldRun() throws IOException {
            Files.writeString(context.resolve("Dockerfile"), "FROM base AS builder\nRUN make\n"
                    + "FROM scratch AS runtime\nCOPY run.sh /run.sh\n" + "FROM other AS last\nRUN nope\n");
            DockerfilePlanner planner = DockerfilePlanner.builder(context).target("runtime").build();
            BuildPlan plan = planner.plan(ContainerConfig.empty());
            assertThat(plan.base().isScratch()).isTrue();
            assertThat(plan.layers()).hasSize(1);
        }

        @Test
        void fromAnEarlierStage_chainsItsLayersAndConfig() throws IOException {
            BuildPlan plan = plan("FROM scratch AS common", "ENV A=1", "COPY run.sh /bin/run.sh", "ONBUILD LABEL triggered=yes",
                    "CMD [\"run\"]", "FROM common AS app", "ENV B=$A", "COPY target/app.jar /app/", "ENTRYPOINT [\"java\"]");
            assertThat(plan.base().isScratch()).isTrue();
            assertThat(plan.base().line()).isEqualTo(1);
            assertThat(plan.layers()).hasSize(2);
            assertThat(plan.config().env()).containsEntry("A", "1").containsEntry("B", "1");
            assertThat(plan.config().labels()).containsEntry("triggered", "yes");
            assertThat(plan.config().onBuild()).isEmpty();
            assertThat(plan.config().cmd()).isEmpty(); // ENTRYPOINT of the last stage clears the CMD it inherited
            assertThat(plan.history()).extracting(BuildPlan.HistoryEntry::createdBy).contains("ENV A=1", "ENV B=$A");
        }

        @Test
        void fromAnEarlierStageThatRuns_isRefusedAtItsLine() throws IOException {
            DockerfileException e = failure("FROM base AS builder", "RUN make", "FROM builder", "CMD [\"x\"]");
            assertThat(e.line()).isEqualTo(2);
            assertThat(e).hasMessageContaining("ecr-toolkit-docker");
        }

        @Test
        void unknownTarget_isRefused() throws IOException {
            Files.writeString(context.resolve("Dockerfile"), "FROM scratch\n");
            assertThatThrownBy(() -> DockerfilePlanner.builder(context).target("nope").build())
                    .isInstanceOf(DockerfileException.class).hasMessageContaining("nope");
        }

        @Test
        void instructionBeforeFrom_orNoFromAtAll_isRefused() throws IOException {
            assertThat(failureAtBuild("ENV A=1", "FROM scratch")).hasMessageContaining("Dockerfile:1").hasMessageContaining("before the first FROM");
            assertThat(failureAtBuild("ARG A=1")).hasMessageContaining("no FROM");
        }

        private DockerfileException failureAtBuild(String... lines) throws IOException {
            Files.writeString(context.resolve("Dockerfile"), String.join("\n", lines) + "\n");
            try {
                DockerfilePlanner.builder(context).build();
            } catch (DockerfileException e) {
                return e;
            }
            throw new AssertionError("expected a DockerfileException");
        }
    }

    @Nested
    class OverABaseImage {
        private final ContainerConfig base = ContainerConfig.builder()
                .env("PATH", "/usr/bin:/bin").env("LANG", "C.UTF-8")
                .cmd(List.of("/bin/sh")).workingDir("/srv").label("base", "yes").exposedPort("80").build();

        @Test
        void envSeesTheBaseEnvironment_andReplacesInPlace() throws IOException {
            BuildPlan plan = planner("FROM base", "ENV PATH=$PATH:/app/bin NEW=1").plan(base);
            assertThat(plan.config().envList()).containsExactly("PATH=/usr/bin:/bin:/app/bin", "LANG=C.UTF-8", "NEW=1");
        }

        @Test
        void envValuesInOneInstruction_seeTheValuesBeforeIt() throws IOException {
            BuildPlan plan = planner("FROM base", "ENV A=1", "ENV A=2 B=$A").plan(base);
            assertThat(plan.config().env()).containsEntry("A", "2").containsEntry("B", "1");
        }

        @Test
        void entrypoint_clearsTheInheritedCmd() throws IOException {
            BuildPlan plan = planner("FROM base", "ENTRYPOINT [\"/app\"]").plan(base);
            assertThat(plan.config().cmd()).isEmpty();
        }

        @Test
        void entrypointAfterCmdOfThisDockerfile_keepsThatCmd() throws IOException {
            BuildPlan plan = planner("FROM base", "CMD [\"--help\"]", "ENTRYPOINT [\"/app\"]").plan(base);
            assertThat(plan.config().cmd()).contains(List.of("--help"));
        }

        @Test
        void workdir_isRelativeToTheBaseOne_andCopyDestinationsToIt() throws IOException {
            BuildPlan plan = planner("FROM base", "WORKDIR app", "COPY run.sh .").plan(base);
            assertThat(plan.config().workingDir()).contains("/srv/app");
            assertThat(plan.layers().get(0).entries()).extracting(LayerEntry::path).endsWith("srv/app/run.sh");
        }

        @Test
        void labelsAndPortsMerge() throws IOException {
            BuildPlan plan = planner("FROM base", "LABEL own=1", "EXPOSE 8080").plan(base);
            assertThat(plan.config().labels()).containsOnlyKeys("base", "own");
            assertThat(plan.config().exposedPorts()).containsExactly("80/tcp", "8080/tcp");
        }

        @Test
        void shell_changesLaterShellForms() throws IOException {
            BuildPlan plan = planner("FROM base", "SHELL [\"/bin/bash\", \"-lc\"]", "CMD echo hi").plan(base);
            assertThat(plan.config().cmd()).contains(List.of("/bin/bash", "-lc", "echo hi"));
            assertThat(plan.config().shell()).contains(List.of("/bin/bash", "-lc"));
        }

        @Test
        void healthcheckNone_disablesTheInheritedCheck() throws IOException {
            BuildPlan plan = planner("FROM base", "HEALTHCHECK NONE").plan(base);
            assertThat(plan.config().healthcheck()).contains(ContainerConfig.Healthcheck.none());
        }

        @Test
        void baseOnBuildTriggers_areRunAndNotInherited() throws IOException {
            ContainerConfig withTrigger = base.toBuilder().onBuild("COPY run.sh /triggered.sh").build();
            BuildPlan plan = planner("FROM base", "ENV X=1").plan(withTrigger);
            assertThat(plan.layers()).hasSize(1);
            assertThat(plan.layers().get(0).entries()).extracting(LayerEntry::path).containsExactly("triggered.sh");
            assertThat(plan.config().onBuild()).isEmpty();
        }

        @Test
        void baseOnBuildRun_isRefusedAtTheFromLine() throws IOException {
            ContainerConfig withTrigger = base.toBuilder().onBuild("RUN make").build();
            DockerfileException e = failure(withTrigger, "FROM base", "ENV X=1");
            assertThat(e.line()).isEqualTo(1);
            assertThat(e).hasMessageContaining("RUN make").hasMessageContaining("ecr-toolkit-docker");
        }
    }

    @Nested
    class Copy {
        @Test
        void globs_matchWithinASegment() throws IOException {
            BuildPlan plan = plan("FROM scratch", "COPY target/lib/*.jar target/*.jar /app/");
            assertThat(paths(plan.layers().get(0))).containsExactly("app", "app/a.jar", "app/app.jar", "app/b.jar");
        }

        @Test
        void globMatchingNothing_isRefused() throws IOException {
            assertThat(failure("FROM scratch", "COPY *.war /app/")).hasMessageContaining("*.war").hasMessageContaining("matches no file");
        }

        @Test
        void directorySource_copiesItsContents() throws IOException {
            BuildPlan plan = plan("FROM scratch", "COPY target /app");
            assertThat(paths(plan.layers().get(0))).containsExactly("app", "app/app.jar", "app/lib", "app/lib/a.jar", "app/lib/b.jar");
        }

        @Test
        void fileToPathWithoutSlash_isRenamed_andWithSlashKeepsItsName() throws IOException {
            assertThat(paths(plan("FROM scratch", "COPY run.sh /bin/start").layers().get(0))).containsExactly("bin", "bin/start");
            assertThat(paths(plan("FROM scratch", "COPY run.sh /bin/").layers().get(0))).containsExactly("bin", "bin/run.sh");
        }

        @Test
        void destinationWithoutSlash_thatAnEarlierCopyMadeAFolder_isThatFolder() throws IOException {
            BuildPlan plan = plan("FROM scratch", "COPY run.sh /opt/app/bin/run.sh", "COPY notes.md /opt/app");
            assertThat(paths(plan.layers().get(1))).containsExactly("opt", "opt/app", "opt/app/notes.md");
        }

        @Test
        void jsonForm_andVariables() throws IOException {
            BuildPlan plan = plan("FROM scratch", "ARG JAR=app.jar", "COPY [\"target/${JAR}\", \"/opt/my app/\"]");
            assertThat(paths(plan.layers().get(0))).containsExactly("opt", "opt/my app", "opt/my app/app.jar");
        }

        @Test
        void severalSourcesWithoutTrailingSlash_isRefused() throws IOException {
            assertThat(failure("FROM scratch", "COPY run.sh notes.md /app")).hasMessageContaining("end with /");
        }

        @Test
        void missingSource_isRefusedNamingIt() throws IOException {
            DockerfileException e = failure("FROM scratch", "", "COPY missing.jar /app/");
            assertThat(e.line()).isEqualTo(3);
            assertThat(e).hasMessageContaining("missing.jar").hasMessageContaining("does not exist");
        }

        @Test
        void sourceOutsideTheContext_isRefused() throws IOException {
            assertThat(failure("FROM scratch", "COPY ../x /x")).hasMessageContaining("outside the build context");
        }

        @Test
        void aLinkOutOfTheContext_isCopiedAsALinkAndNeverRead_asDockerDoes() throws IOException {
            Path outside = Files.createTempFile("outside", ".txt");
            try {
                Files.createSymbolicLink(context.resolve("target/lib/escape.jar"), outside);
                BuildPlan plan = plan("FROM scratch", "COPY target /app");
                LayerEntry link = plan.layers().get(0).entries().stream()
                        .filter(e -> e.path().equals("app/lib/escape.jar")).findFirst().orElseThrow();
                assertThat(link.type()).isEqualTo(LayerEntry.Type.SYMLINK);
                assertThat(link.linkTarget()).contains(outside.toString());
            } finally {
                Files.delete(outside);
            }
        }

        @Test
        void aSourceNamedThroughALinkOutOfTheContext_isRefusedNamingBothPaths() throws IOException {
            Path outside = Files.createTempFile("outside", ".txt");
            try {
                Files.createSymbolicLink(context.resolve("escape.jar"), outside);
                DockerfileException e = failure("FROM scratch", "COPY escape.jar /app/");
                assertThat(e.line()).isEqualTo(2);
                assertThat(e).hasMessageContaining("escape.jar").hasMessageContaining(outside.toString());
            } finally {
                Files.delete(outside);
            }
        }

        @Test
        void dockerignore_hidesFilesFromCopies() throws IOException {
            Files.writeString(context.resolve(".dockerignore"), "*.md\ntarget/lib/b.jar\n");
            BuildPlan plan = plan("FROM scratch", "COPY . /app/");
            assertThat(paths(plan.layers().get(0))).doesNotContain("app/notes.md", "app/target/lib/b.jar")
                    .contains("app/run.sh", "app/target/lib/a.jar", "app/Dockerfile", "app/.dockerignore");
            assertThat(failure("FROM scratch", "COPY notes.md /n")).hasMessageContaining("excluded");
        }

        @Test
        void chownAndChmod_applyToEverythingCopied() throws IOException {
            BuildPlan plan = plan("FROM scratch", "COPY --chown=1000 --chmod=640 target/lib /app/lib/");
            for (LayerEntry e : plan.layers().get(0).entries()) {
                if (e.path().startsWith("app/lib")) {
                    assertThat(e.uid()).isEqualTo(1000);
                    assertThat(e.gid()).isEqualTo(1000);
                }
            }
            assertThat(plan.layers().get(0).entries()).filteredOn(e -> e.path().endsWith(".jar"))
                    .allSatisfy(e -> assertThat(e.mode()).isEqualTo(0640));
        }

        @Test
        void chownByName_isRefusedWithAHint() throws IOException {
            assertThat(failure("FROM scratch", "COPY --chown=app:app run.sh /run.sh")).hasMessageContaining("numeric");
        }

        @Test
        void copyFrom_heredoc_unknownFlags_areRefused() throws IOException {
            assertThat(failure("FROM scratch", "COPY --from=build /out /out")).hasMessageContaining("--from")
                    .hasMessageContaining("ecr-toolkit-docker");
            assertThat(failure("FROM scratch", "COPY <<EOF /x", "hi", "EOF")).hasMessageContaining("heredoc");
            assertThat(failure("FROM scratch", "COPY --parents a /b/")).hasMessageContaining("--parents");
        }
    }

    @Nested
    class Add {
        @Test
        void localFile_isCopied() throws IOException {
            assertThat(paths(plan("FROM scratch", "ADD run.sh /run.sh").layers().get(0))).containsExactly("run.sh");
        }

        @Test
        void url_isRefused() throws IOException {
            DockerfileException e = failure("FROM scratch", "ADD https://example.com/x.tar.gz /x/");
            assertThat(e).hasMessageContaining("https://example.com/x.tar.gz").hasMessageContaining("network");
        }

        @Test
        void localArchive_isRefusedWithAHint() throws IOException {
            try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(context.resolve("dist.tar.gz")))) {
                out.write(new byte[1024]);
            }
            assertThat(failure("FROM scratch", "ADD dist.tar.gz /opt/")).hasMessageContaining("archive").hasMessageContaining("COPY");
            assertThat(paths(plan("FROM scratch", "COPY dist.tar.gz /opt/").layers().get(0))).contains("opt/dist.tar.gz");
        }
    }

    @Nested
    class Refusals {
        @Test
        void run_namesTheLineAndTheDockerEngineBuilder() throws IOException {
            DockerfileException e = failure("FROM scratch", "COPY run.sh /", "RUN apt-get update");
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.instruction()).contains("RUN apt-get update");
            assertThat(e).hasMessageStartingWith("Dockerfile:3: RUN apt-get update: RUN executes a command")
                    .hasMessageContaining("ecr-toolkit-docker");
        }

        @Test
        void badValues_areRefusedWithTheLine() throws IOException {
            assertThat(failure("FROM scratch", "EXPOSE http")).hasMessageContaining("Dockerfile:2").hasMessageContaining("http");
            assertThat(failure("FROM scratch", "HEALTHCHECK --interval=soon CMD true")).hasMessageContaining("soon");
            assertThat(failure("FROM scratch", "HEALTHCHECK --retries=0 CMD true")).hasMessageContaining("retries");
            assertThat(failure("FROM scratch", "HEALTHCHECK NONE x")).hasMessageContaining("NONE");
            assertThat(failure("FROM scratch", "SHELL /bin/bash -c")).hasMessageContaining("JSON");
            assertThat(failure("FROM scratch", "STOPSIGNAL 'hup me'")).hasMessageContaining("signal");
            assertThat(failure("FROM scratch", "ONBUILD FROM x")).hasMessageContaining("ONBUILD");
            assertThat(failure("FROM scratch", "ENV ONLYKEY")).hasMessageContaining("two arguments");
            assertThat(failure("FROM scratch", "CMD --port 8080")).hasMessageContaining("Dockerfile:2")
                    .hasMessageContaining("unknown flag: port");
            assertThat(failure("FROM scratch", "ARG bad-name")).hasMessageContaining("bad-name");
            // as Docker: shell-form paths split at every space, so quotes cannot hold one
            assertThat(failure("FROM scratch", "VOLUME \"/my data\"")).hasMessageContaining("double-quote");
            assertThat(failure("FROM scratch", "USER ${MISSING:?needs a user}")).hasMessageContaining("needs a user");
        }
    }

    @Test
    void buildArgs_overrideDefaults_andUnusedOnesAreReported() throws IOException {
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nARG VERSION=1\nARG EMPTY\nLABEL v=$VERSION e=${EMPTY:-none}\n");
        BuildPlan plan = DockerfilePlanner.builder(context).buildArg("VERSION", "2").buildArg("TYPO", "x")
                .buildArg("HTTP_PROXY", "http://proxy").build().plan(ContainerConfig.empty());
        assertThat(plan.config().labels()).containsEntry("v", "2").containsEntry("e", "none");
        assertThat(plan.unusedBuildArgs()).containsExactly("TYPO");
        assertThat(plan.args()).containsEntry("VERSION", "2").doesNotContainKey("EMPTY");
    }

    @Test
    void dockerfileInASubfolder_isNamedByItsPathAndUsesItsOwnIgnoreFile() throws IOException {
        Files.createDirectories(context.resolve("docker"));
        Files.writeString(context.resolve("docker/Dockerfile.prod"), "FROM scratch\nCOPY . /app/\nRUN true\n");
        Files.writeString(context.resolve("docker/Dockerfile.prod.dockerignore"), "target\n");
        DockerfilePlanner planner = DockerfilePlanner.builder(context).dockerfile("docker/Dockerfile.prod").build();
        assertThat(planner.ignore().patterns()).containsExactly("target");
        assertThatThrownBy(() -> planner.plan(ContainerConfig.empty())).hasMessageStartingWith("docker/Dockerfile.prod:3: RUN true");
    }

    @Test
    void envOldForm_takesTheRestOfTheLine() throws IOException {
        BuildPlan plan = plan("FROM scratch", "ENV GREETING hello   big world", "LABEL \"quoted key\"=\"v 1\"");
        assertThat(plan.config().env()).containsEntry("GREETING", "hello   big world");
        assertThat(plan.config().labels()).containsEntry("quoted key", "v 1");
    }

    @Test
    void targetPlatformArgs_areAvailableWhenDeclared() throws IOException {
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nARG TARGETARCH\nLABEL arch=$TARGETARCH\n");
        BuildPlan plan = DockerfilePlanner.builder(context).platform("linux/arm64").build().plan(ContainerConfig.empty());
        assertThat(plan.config().labels()).containsEntry("arch", "arm64");
    }
}
