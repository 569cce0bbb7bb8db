package io.github.ecrtoolkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class ParallelWorkTest {

    @Test
    void everyIndexRunsOnce() {
        int[] runs = new int[1000];
        ParallelWork.forEach(runs.length, i -> runs[i]++);
        assertThat(runs).containsOnly(1);
    }

    @Test
    void noPiece_orOne_runsOnTheCaller() {
        ParallelWork.forEach(0, i -> {
            throw new AssertionError("nothing to run");
        });
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        ParallelWork.forEach(1, i -> threads.add(Thread.currentThread()));
        assertThat(threads).containsExactly(Thread.currentThread());
    }

    @Test
    void theFirstFailure_isThrownAsItWas_andLaterPiecesDoNotStart() {
        IllegalStateException failure = new IllegalStateException("piece 3 failed");
        AtomicInteger ran = new AtomicInteger();
        assertThatThrownBy(() -> ParallelWork.forEach(10_000, i -> {
            ran.incrementAndGet();
            if (i == 3) {
                throw failure;
            }
        })).isSameAs(failure);
        assertThat(ran.get()).isLessThan(10_000);
    }

    @Test
    void aBusyCommonPool_doesNotStopTheWork() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        int workers = ForkJoinPool.commonPool().getParallelism();
        CountDownLatch busy = new CountDownLatch(workers);
        for (int i = 0; i < workers; i++) {
            ForkJoinPool.commonPool().execute(() -> {
                busy.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        try {
            assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();
            Set<Thread> threads = ConcurrentHashMap.newKeySet();
            ParallelWork.forEach(50, i -> threads.add(Thread.currentThread()));
            assertThat(threads).containsExactly(Thread.currentThread());
        } finally {
            release.countDown();
        }
    }
}
