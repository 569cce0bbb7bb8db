package io.github.ecrtoolkit.core.layer.compress.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChunkPoolTest {

    @Test
    void chunksGivenBack_areReused_upToTheBound_andLetGoWhenTheLastStreamCloses() {
        ChunkPool pool = new ChunkPool(1);
        pool.streamOpened();
        byte[] a = pool.take();
        byte[] b = pool.take();
        assertThat(a).hasSize(ChunkPool.CHUNK).isNotSameAs(b);

        pool.give(a);
        pool.give(b); // beyond the bound: dropped
        assertThat(pool.take()).isSameAs(a);
        assertThat(pool.take()).isNotSameAs(b);

        pool.give(a);
        pool.streamClosed();
        assertThat(pool.take()).isNotSameAs(a);
    }
}
