package org.apache.kylin.rest.asyncquery.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * FAKE: a clock that stands still until the test moves it, so time limits can be tested to the millisecond
 * without waiting. Thread-safe: the code under test may read it from its own threads.
 */
public final class FakeClock extends Clock {
    /** 2023-11-14T22:13:20Z: a round, recent instant, far from zero so "never" and "long ago" stay apart. */
    public static final long START_MILLIS = 1_700_000_000_000L;

    private final AtomicLong millis;

    public FakeClock() {
        this(START_MILLIS);
    }

    public FakeClock(long startMillis) {
        this.millis = new AtomicLong(startMillis);
    }

    /** Moves the clock forward (or, with a negative duration, back). */
    public void advance(Duration duration) {
        millis.addAndGet(duration.toMillis());
    }

    public void advanceMillis(long delta) {
        millis.addAndGet(delta);
    }

    public void setMillis(long value) {
        millis.set(value);
    }

    @Override
    public long millis() {
        return millis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** The zone does not matter to the code under test, which reads only instants. */
    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("FakeClock is UTC only");
    }
}
