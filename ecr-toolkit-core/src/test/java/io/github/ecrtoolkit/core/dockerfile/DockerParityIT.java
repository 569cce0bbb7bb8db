package io.github.ecrtoolkit.core.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.ecrtoolkit.core.image.ContainerConfig;
import io.github.ecrtoolkit.core.layer.LayerEntry;
import io.github.ecrtoolkit.core.layer.LayerSpec;
import io.github.ecrtoolkit.testing.TestDockerEngine;
import io.github.ecrtoolkit.testing.TestServices;
import io.github.ecrtoolkit.testing.TestTools;

/**
 * The daemonless planner copies exactly the files Docker copies: the same context, the same
 * {@code .dockerignore} and Dockerfile are built by the real Docker Engine, and the paths in its
 * image are compared with the paths in our layers.
 */
@ExtendWith(TestServices.class)
class DockerParityIT {

    @Test
    void copyWithDockerignoreAndGlobs_copiesTheSamePathsAsDocker(@TempDir Path dir, TestDockerEngine engine) throws IOException {
        Path context = Files.createDirectories(dir.resolve("context"));
        for (String file : List.of("app.log", "src/Main.java", "src/sub/debug.log", "target/app.jar", "target/classes/A.class",
                "docs/a.md", "docs/keep.md", "docs/sub/b.md", "secret", "nested/secret", ".git/config", "README.md", "bin/run.sh",
                "web/node_modules/x/index.js", "web/index.html", "lib/x.txt")) {
            Files.createDirectories(context.resolve(file).getParent());
            Files.writeString(context.resolve(file), file);
        }
        Files.setPosixFilePermissions(context.resolve("bin/run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(context.resolve("empty-dir"));
        Files.createSymbolicLink(context.resolve("lib/link.txt"), Path.of("x.txt"));
        Files.writeString(context.resolve(".dockerignore"), String.join("\n",
                "# build output", "**/*.log", "target", "!target/*.jar", "docs/*.md", "!docs/keep.md", "/secret", ".git",
                "**/node_modules", ""));
        Files.writeString(context.resolve("Dockerfile"), String.join("\n",
                "FROM scratch",
                "COPY . /ctx/",
                "COPY docs/* /globbed/",
                "COPY target /target-contents",
                "COPY lib/x.txt /renamed.txt",
                "CMD [\"none\"]", ""));

        BuildPlan plan = DockerfilePlanner.builder(context).build().plan(ContainerConfig.empty());
        Set<String> ours = new TreeSet<>();
        for (LayerSpec layer : plan.layers()) {
            for (LayerEntry e : layer.entries()) {
                ours.add(e.path() + (e.type() == LayerEntry.Type.DIRECTORY ? "/" : ""));
            }
        }

        Set<String> docker = exportedOwners(engine, dir, context, Set.of("ctx/", "globbed/", "target-contents/", "renamed.txt")).keySet();
        assertThat(ours).isEqualTo(docker);
        assertThat(ours).contains("ctx/target/app.jar", "ctx/docs/keep.md", "ctx/nested/secret", "ctx/lib/link.txt", "ctx/empty-dir/")
                .doesNotContain("ctx/secret", "ctx/app.log", "ctx/target/classes/A.class", "ctx/.git/config");
    }

    @Test
    void configInstructionsOverABaseImage_giveTheConfigDockerGives(@TempDir Path dir, TestDockerEngine engine, TestTools tools)
            throws IOException {
        Path config = Files.createDirectories(dir.resolve("docker-config"));
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String baseTag = "ecrtk-parity-base:" + suffix;
        String tag = "ecrtk-parity:" + suffix;
        Path baseContext = Files.createDirectories(dir.resolve("base"));
        Files.copy(tools.busybox(), baseContext.resolve("busybox"));
        Files.writeString(baseContext.resolve("Dockerfile"), String.join("\n",
                "FROM scratch", "COPY busybox /bin/busybox", "ENV PATH=/bin LANG=C.UTF-8", "WORKDIR /srv",
                "LABEL base=yes shared=base", "EXPOSE 80", "CMD [\"sh\"]", ""));
        Path context = Files.createDirectories(dir.resolve("app"));
        Files.writeString(context.resolve("Dockerfile"), String.join("\n",
                "FROM " + baseTag,
                "ARG VERSION=1.2",
                "ENV PATH=$PATH:/app/bin APP_VERSION=$VERSION",
                "ENV GREETING hello big   world",
                "ENV QUOTED=\"say \\\"hi\\\" to $APP_VERSION\" SINGLE='no $APP_VERSION here' ESCAPED=\\$HOME \\",
                "    # a comment inside a continuation",
                "    BRACES=${APP_VERSION:+v}${APP_VERSION} DEFAULTED=${NOPE:-fallback} EMPTY=",
                "LABEL shared=app \"with space\"=\"a b\" version=${VERSION:-none}",
                "WORKDIR app",
                "WORKDIR ../web",
                "USER 1000:1000",
                "EXPOSE 8080 9000-9001/udp",
                "VOLUME /data", "VOLUME [\"/more data\"]",
                "STOPSIGNAL SIGINT",
                "HEALTHCHECK --interval=30s --timeout=5s --retries=3 CMD wget -q -O- http://localhost:8080/",
                "SHELL [\"/bin/busybox\", \"sh\", \"-c\"]",
                "ONBUILD COPY . /src",
                "ENTRYPOINT echo started",
                ""));
        try {
            engine.docker(config, "build", "--quiet", "--tag", baseTag, baseContext.toString()).assertSuccess();
            ContainerConfig base = inspectConfig(engine, config, baseTag);
            engine.docker(config, "build", "--quiet", "--tag", tag, context.toString()).assertSuccess();
            ContainerConfig docker = inspectConfig(engine, config, tag);

            ContainerConfig ours = DockerfilePlanner.builder(context).build().plan(base).config();

            assertThat(ours.envList()).isEqualTo(docker.envList());
            assertThat(ours.entrypoint()).isEqualTo(docker.entrypoint());
            assertThat(ours.cmd().orElse(List.of())).isEqualTo(docker.cmd().orElse(List.of()));
            assertThat(ours.workingDir()).isEqualTo(docker.workingDir());
            assertThat(ours.user()).isEqualTo(docker.user());
            assertThat(ours.labels()).isEqualTo(docker.labels());
            assertThat(ours.exposedPorts()).isEqualTo(docker.exposedPorts());
            assertThat(ours.volumes()).isEqualTo(docker.volumes());
            assertThat(ours.stopSignal()).isEqualTo(docker.stopSignal());
            assertThat(ours.healthcheck()).isEqualTo(docker.healthcheck());
            assertThat(ours.shell()).isEqualTo(docker.shell());
            assertThat(ours.onBuild()).isEqualTo(docker.onBuild());
            assertThat(ours.workingDir()).contains("/srv/web");
            assertThat(ours.env()).containsEntry("QUOTED", "say \"hi\" to 1.2").containsEntry("SINGLE", "no $APP_VERSION here")
                    .containsEntry("ESCAPED", "$HOME").containsEntry("BRACES", "v1.2").containsEntry("DEFAULTED", "fallback")
                    .containsEntry("EMPTY", "");
        } finally {
            engine.docker(config, "rmi", "--force", tag);
            engine.docker(config, "rmi", "--force", baseTag);
        }
    }

    @Test
    void copyDestinationsAndOwners_matchDocker(@TempDir Path dir, TestDockerEngine engine) throws IOException {
        Path context = Files.createDirectories(dir.resolve("context"));
        for (String file : List.of("a.txt", "b.txt", "conf/app.yml", "conf/sub/x.yml", "web/index.html")) {
            Files.createDirectories(context.resolve(file).getParent());
            Files.writeString(context.resolve(file), file);
        }
        Files.writeString(context.resolve("Dockerfile"), String.join("\n",
                "FROM scratch",
                "WORKDIR /srv",
                "COPY a.txt .",
                "COPY a.txt renamed.txt",
                "COPY a.txt b.txt sub/",
                "COPY conf conf-contents",
                "COPY conf/ /etc/app/",
                "COPY --chown=1000:2000 web /var/www",
                "COPY --chown=1234 a.txt /owned/",
                "COPY *.txt /globbed/",
                "COPY a.txt /srv/deep/er/a.txt",
                "COPY b.txt /srv/deep",
                "CMD [\"none\"]", ""));

        BuildPlan plan = DockerfilePlanner.builder(context).build().plan(ContainerConfig.empty());
        Map<String, String> ours = new TreeMap<>();
        for (LayerSpec layer : plan.layers()) {
            for (LayerEntry e : layer.entries()) {
                ours.put(e.path() + (e.type() == LayerEntry.Type.DIRECTORY ? "/" : ""), e.uid() + ":" + e.gid());
            }
        }
        Map<String, String> docker = exportedOwners(engine, dir, context, Set.of("srv/", "etc/", "var/", "owned/", "globbed/"));
        assertThat(ours).isEqualTo(docker);
    }

    /**
     * Edge cases of parsing and expansion that the conformance vectors pin down, built by the real
     * engine and planned by the project: both refuse, or both accept and give the same env and ports.
     */
    @Test
    void parsingEdgeCases_areAcceptedOrRefusedAsDockerDoes(@TempDir Path dir, TestDockerEngine engine) throws IOException {
        Map<String, List<String>> cases = new TreeMap<>(Map.of(
                "flag-on-cmd", List.of("FROM scratch\nCMD --port 8080\n", ""),
                "nested-json", List.of("FROM scratch\nCMD [ \"echo\", [ \"nested\" ] ]\n", ""),
                "end-of-flags", List.of("FROM scratch\nCOPY -- foo /tmp/\n", ""),
                "escaped-trailing-backslash", List.of("FROM scratch\nENV C trailing\\\\backslash\\\\\nENV D next\n", ""),
                "expose-split", List.of("FROM scratch\nARG PORTS=\"80 443\"\nEXPOSE $PORTS\n", ""),
                "special-parameters", List.of("FROM scratch\nENV A=x${@}y$#z B=${*:-none}\n", ""),
                "bare-exclusion", List.of("FROM scratch\nCOPY foo /tmp/\n", "x\n!\n"),
                "malformed-class", List.of("FROM scratch\nCOPY foo /tmp/\n", "[x-]\n")));
        Path config = Files.createDirectories(dir.resolve("docker-config"));
        for (Map.Entry<String, List<String>> c : cases.entrySet()) {
            Path context = Files.createDirectories(dir.resolve(c.getKey()));
            Files.writeString(context.resolve("foo"), "foo");
            Files.writeString(context.resolve("Dockerfile"), c.getValue().get(0));
            if (!c.getValue().get(1).isEmpty()) {
                Files.writeString(context.resolve(".dockerignore"), c.getValue().get(1));
            }
            String tag = "ecrtk-parity-parse:" + UUID.randomUUID().toString().substring(0, 8);
            boolean dockerAccepts = engine.docker(config, "build", "--quiet", "--tag", tag, context.toString()).exitCode() == 0;
            ContainerConfig ours = null;
            try {
                ours = DockerfilePlanner.builder(context).build().plan(ContainerConfig.empty()).config();
            } catch (RuntimeException refused) {
                // compared below
            }
            try {
                assertThat(ours != null).as(c.getKey() + ": accepted by the project as by Docker").isEqualTo(dockerAccepts);
                if (dockerAccepts) {
                    ContainerConfig docker = inspectConfig(engine, config, tag);
                    Map<String, String> dockerEnv = new TreeMap<>(docker.env());
                    dockerEnv.remove("PATH"); // the engine's default for a scratch image
                    assertThat(ours.env()).as(c.getKey()).isEqualTo(dockerEnv);
                    assertThat(ours.exposedPorts()).as(c.getKey()).isEqualTo(docker.exposedPorts());
                }
            } finally {
                engine.docker(config, "rmi", "--force", tag);
            }
        }
    }

    private static Map<String, String> exportedOwners(TestDockerEngine engine, Path dir, Path context, Set<String> prefixes)
            throws IOException {
        String tag = "ecrtk-parity:" + UUID.randomUUID().toString().substring(0, 8);
        Path config = Files.createDirectories(dir.resolve("docker-config"));
        Map<String, String> owners = new TreeMap<>();
        engine.docker(config, "build", "--quiet", "--tag", tag, context.toString()).assertSuccess();
        try {
            String container = engine.docker(config, "create", tag).assertSuccess().stdout().strip();
            try {
                Path export = dir.resolve("export.tar");
                engine.docker(config, "export", "--output", export.toString(), container).assertSuccess();
                try (InputStream in = Files.newInputStream(export); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
                    TarArchiveEntry e;
                    while ((e = tar.getNextEntry()) != null) {
                        String name = e.getName().replaceFirst("^\\./", "");
                        name = e.isDirectory() && !name.endsWith("/") ? name + "/" : name;
                        String path = name;
                        // the engine adds these to every container
                        boolean runtime = List.of("etc/hostname", "etc/hosts", "etc/mtab", "etc/resolv.conf").contains(path);
                        if (!runtime && prefixes.stream().anyMatch(path::startsWith)) {
                            owners.put(path, e.getLongUserId() + ":" + e.getLongGroupId());
                        }
                    }
                }
            } finally {
                engine.docker(config, "rm", "--force", container);
            }
        } finally {
            engine.docker(config, "rmi", "--force", tag);
        }
        return owners;
    }

    private static ContainerConfig inspectConfig(TestDockerEngine engine, Path config, String image) throws IOException {
        String json = engine.docker(config, "image", "inspect", "--format", "{{json .Config}}", image).assertSuccess().stdout();
        return new ObjectMapper().readValue(json, ContainerConfig.class);
    }
}
