package io.github.ecrtoolkit.benchmarks;

import java.nio.file.Path;

/** The same image built and pushed with ecr-toolkit. */
final class OursPush {

    private OursPush() {
    }

    static String push(BenchRegistry registry, Path app, Path cache, String target, String base) {
        // wired once the public push API (issue 3) is merged into this branch
        throw new UnsupportedOperationException("ecr-toolkit push API not merged yet");
    }
}
