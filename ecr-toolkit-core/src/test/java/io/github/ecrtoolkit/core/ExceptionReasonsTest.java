package io.github.ecrtoolkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.ecrtoolkit.core.EcrToolkitException.Reason;
import io.github.ecrtoolkit.core.build.BuildException;
import io.github.ecrtoolkit.core.cache.LayerCacheException;
import io.github.ecrtoolkit.core.dockerfile.Dockerfile;
import io.github.ecrtoolkit.core.dockerfile.DockerfileException;
import io.github.ecrtoolkit.core.ecr.EcrException;
import io.github.ecrtoolkit.core.image.ImageReference;
import io.github.ecrtoolkit.core.image.InvalidReferenceException;
import io.github.ecrtoolkit.core.layer.LayerException;
import io.github.ecrtoolkit.core.layer.compress.CompressionUnavailableException;

/** Each of core's exceptions says what the caller can do: its {@code reason()}. */
class ExceptionReasonsTest {

    @Test
    void badReference_isInvalidInput() {
        InvalidReferenceException e = catchThrowableOfType(InvalidReferenceException.class,
                () -> ImageReference.parse("Not A Reference!"));

        assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT);
        assertThat(e.isRetryable()).isFalse();
    }

    @Test
    void dockerfile_missing_unknownInstruction_andEngineOnly() {
        DockerfileException missing = catchThrowableOfType(DockerfileException.class,
                () -> Dockerfile.parse(Path.of("no", "such", "Dockerfile"), "Dockerfile"));
        DockerfileException malformed = catchThrowableOfType(DockerfileException.class,
                () -> Dockerfile.parse("FROM scratch\nFROBNICATE everything\n", "Dockerfile"));
        DockerfileException engineOnly = new DockerfileException("Dockerfile", 2, "RUN make", "RUN needs a container",
                DockerfileException.USE_DOCKER_ENGINE);

        assertThat(missing.reason()).isEqualTo(Reason.NOT_FOUND);
        assertThat(malformed.reason()).isEqualTo(Reason.INVALID_INPUT);
        assertThat(malformed.problem()).contains("FROBNICATE");
        assertThat(engineOnly.reason()).isEqualTo(Reason.UNSUPPORTED);
    }

    @Test
    void layerAndBuildExceptions_followTheirCause() {
        assertThat(new LayerException("outside the context").reason()).isEqualTo(Reason.INVALID_INPUT);
        assertThat(new LayerException("gone", new NoSuchFileException("a")).reason()).isEqualTo(Reason.NOT_FOUND);
        assertThat(new LayerException("refused", new AccessDeniedException("a")).reason())
                .isEqualTo(Reason.ACCESS_DENIED);
        assertThat(new LayerException("disk", new IOException("No space left on device")).reason())
                .isEqualTo(Reason.FAILED);
        assertThat(new LayerException("bad epoch", new NumberFormatException("x")).reason())
                .isEqualTo(Reason.INVALID_INPUT);
        assertThat(new BuildException("no builder honours it").reason()).isEqualTo(Reason.INVALID_INPUT);
        assertThat(new BuildException("temp folder", new IOException("full")).reason()).isEqualTo(Reason.FAILED);
    }

    @Test
    void cacheCompressionAndEcr(@TempDir Path dir) {
        assertThat(new LayerCacheException(dir, "cannot write", new IOException("full")).reason())
                .isEqualTo(Reason.FAILED);
        assertThat(new CompressionUnavailableException("no zstd", null).reason()).isEqualTo(Reason.UNSUPPORTED);
        EcrException unusable = new EcrException("ECR returned an authorization token that is not base64", null);
        assertThat(unusable.reason()).isEqualTo(Reason.FAILED);
        assertThat(unusable.awsService()).isEmpty();
        assertThat(unusable.awsErrorCode()).isEmpty();
    }
}
