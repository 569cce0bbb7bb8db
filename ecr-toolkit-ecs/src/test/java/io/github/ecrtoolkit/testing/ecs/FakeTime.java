package io.github.ecrtoolkit.testing.ecs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.github.ecrtoolkit.core.deploy.Sleeper;

/** A clock that moves only when the code under test sleeps: minutes of polling run in milliseconds. */
public final class FakeTime extends Clock implements Sleeper {

    private Instant now = Instant.parse("2026-11-24T12:00:00Z");
    private final List<Duration> sleeps = new ArrayList<>();

    @Override
    public synchronized void sleep(Duration duration) {
        sleeps.add(duration);
        now = now.plus(duration);
    }

    public synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
