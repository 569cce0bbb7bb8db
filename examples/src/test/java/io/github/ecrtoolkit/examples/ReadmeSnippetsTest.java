package io.github.ecrtoolkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The README shows the compiled examples as they are: a changed example fails here until the README follows. */
class ReadmeSnippetsTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path SOURCES = Path.of("src", "main", "java", "io", "github", "ecrtoolkit", "examples");

    @Test
    void gettingStarted_inTheReadme_isGettingStartedExample_importsIncluded() throws Exception {
        String source = Files.readString(SOURCES.resolve("GettingStartedExample.java"));
        String start = "// README: getting-started\n";
        String snippet = source.substring(source.indexOf(start) + start.length(), source.indexOf("// README: end"));

        assertThat(snippet).contains("import io.github.ecrtoolkit.core.Registry;", "Registry.local(\"localhost:5000\")");
        assertThat(Files.readString(README)).contains("```java\n" + snippet + "```");
    }
}
