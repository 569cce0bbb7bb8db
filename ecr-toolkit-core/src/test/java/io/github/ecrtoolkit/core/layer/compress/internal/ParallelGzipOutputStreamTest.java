package io.github.ecrtoolkit.core.layer.compress.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;

class ParallelGzipOutputStreamTest {

    @Test
    void deflateTaskOutOfMemory_isThrownAsItself_notAsAnIoProblem() {
        assertThatThrownBy(() -> ParallelGzipOutputStream.compressionFailed(
                new ExecutionException(new OutOfMemoryError("Java heap space"))))
                .isInstanceOf(OutOfMemoryError.class).hasMessage("Java heap space");
    }

    @Test
    void deflateTaskFailure_isAnIoException_withItsCause() {
        IllegalStateException cause = new IllegalStateException("deflater ended");

        IOException e = ParallelGzipOutputStream.compressionFailed(new ExecutionException(cause));

        assertThat(e).hasCause(cause).hasMessageContaining("deflater ended");
    }
}
