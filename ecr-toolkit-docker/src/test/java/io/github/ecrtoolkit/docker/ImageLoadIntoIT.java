package io.github.ecrtoolkit.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.github.ecrtoolkit.core.Image;
import io.github.ecrtoolkit.testing.TestDockerEngine;
import io.github.ecrtoolkit.testing.TestServices;
import io.github.ecrtoolkit.testing.TestTools;

/** {@code Image.build(dir).loadInto(engine)}: no registry, no tarball to handle, then {@code docker run}. */
@ExtendWith(TestServices.class)
class ImageLoadIntoIT {

    @Test
    void loadInto_anEngine_withoutARegistry_runsUnderItsTag(TestTools tools, TestDockerEngine cli, @TempDir Path dir) throws Exception {
        Path context = Contexts.withDockerfile(dir, tools,
                "FROM scratch",
                "COPY busybox /bin/busybox",
                "CMD [\"/bin/busybox\",\"echo\",\"loaded-without-a-registry\"]");
        String name = "ecrtk-docker-it/load-into-" + Contexts.suffix() + ":dev";
        try (DockerEngine engine = DockerEngine.connect(DockerHost.unixSocket(cli.socket()))) {
            List<String> loaded = Image.build(context).tag(name).loadInto(engine);

            assertThat(loaded).containsExactly(name);
            assertThat(cli.docker(Files.createDirectories(dir.resolve("cfg")), "run", "--rm", name).assertSuccess().stdout().trim())
                    .isEqualTo("loaded-without-a-registry");
            engine.remove(name);
        }
    }
}
