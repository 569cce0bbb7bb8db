package io.github.ecrtoolkit.core.deploy;

import java.time.Duration;

/**
 * How a deployer waits between polls. The default is {@link #THREAD}; tests pass one that moves a
 * fake clock (and may play the platform's controller) instead of sleeping.
 *
 * <pre>{@code
 * EcsDeployer.builder().clock(fakeClock).sleeper(fakeClock::advance).build();
 * }</pre>
 */
@FunctionalInterface
public interface Sleeper {

    /** The real one: {@link Thread#sleep(long, int)}. */
    Sleeper THREAD = duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);

    /**
     * Waits about {@code duration}.
     *
     * @throws InterruptedException when the waiting thread is interrupted; deployers stop then
     */
    void sleep(Duration duration) throws InterruptedException;
}
