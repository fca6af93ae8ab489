package org.apache.kylin.asyncquery.testing;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * The test suite's one way to wait: for a condition, never for a fixed time. Retries a check (or reads a value)
 * until it holds; past the limit, fails with what was last seen. The limits are generous on purpose: the tests run
 * on a loaded two-core CI machine, and a limit here is a "give up", never a speed expectation (those are
 * {@code bench/}'s). Plain Java 11, as the Kylin host test compiles to it.
 */
public final class Eventually {
    /** How long a test waits unless it says otherwise. */
    public static final Duration PATIENCE = Duration.ofSeconds(120);

    private static final long FIRST_PAUSE_MILLIS = 5;
    private static final long LONGEST_PAUSE_MILLIS = 100;

    private Eventually() {
    }

    /** A check that throws (an assertion error, or any exception) while its condition does not hold yet. */
    @FunctionalInterface
    public interface Check {
        void run() throws Exception;
    }

    /** Reads the current value of something a test waits on. */
    @FunctionalInterface
    public interface Probe<T> {
        T read() throws Exception;
    }

    /** Retries {@code check} until it passes; after {@link #PATIENCE}, fails with its last failure. */
    public static void assertEventually(Check check) {
        assertEventually(PATIENCE, check);
    }

    /** Retries {@code check} until it passes; after {@code limit}, fails with its last failure. */
    public static void assertEventually(Duration limit, Check check) {
        requireNonNull(check, "check is null");
        await(limit, "the check to pass", () -> {
            check.run();
            return Boolean.TRUE;
        }, passed -> true);
    }

    /**
     * Reads {@code probe} until {@code done} holds for what it reads and returns that value; after
     * {@link #PATIENCE}, fails naming {@code what} was awaited and the last value seen.
     */
    public static <T> T await(String what, Probe<T> probe, Predicate<? super T> done) {
        return await(PATIENCE, what, probe, done);
    }

    /**
     * Reads {@code probe} until {@code done} holds for what it reads and returns that value. A read that throws
     * counts as "not yet"; whatever {@code done} throws ends the wait at once (so it may assert that a value not yet
     * done is one of the expected ones). After {@code limit}, fails naming {@code what} was awaited and the last
     * value seen, with the last read's failure as the cause.
     */
    public static <T> T await(Duration limit, String what, Probe<T> probe, Predicate<? super T> done) {
        requireNonNull(limit, "limit is null");
        requireNonNull(what, "what is null");
        requireNonNull(probe, "probe is null");
        requireNonNull(done, "done is null");
        long start = System.nanoTime();
        long pause = FIRST_PAUSE_MILLIS;
        int tries = 0;
        Object lastSeen = null;
        Throwable lastFailure = null;
        while (true) {
            tries++;
            T value = null;
            boolean read = false;
            try {
                value = probe.read();
                read = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for " + what, e);
            } catch (Exception | AssertionError e) {
                lastFailure = e;
            }
            if (read) {
                if (done.test(value)) {
                    return value;
                }
                lastSeen = value;
                lastFailure = null;
            }
            if (System.nanoTime() - start > limit.toNanos()) {
                String seen = lastFailure != null ? "last try failed: " + lastFailure : "last seen: " + lastSeen;
                throw new AssertionError("Waited " + limit.getSeconds() + " s (" + tries + " tries) for " + what
                        + "; " + seen, lastFailure);
            }
            pause(pause);
            pause = Math.min(pause * 2, LONGEST_PAUSE_MILLIS);
        }
    }

    // The one sleep of the waiting: a pause between two looks at the condition.
    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting", e);
        }
    }
}
