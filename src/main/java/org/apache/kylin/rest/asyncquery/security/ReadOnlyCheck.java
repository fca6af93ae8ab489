package org.apache.kylin.rest.asyncquery.security;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kylin.rest.asyncquery.vocabulary.CancellationToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The read-only check, bounded: each submit's SQL is parsed once, by the environment's {@link SqlGrammar}, on one
 * of a few threads of its own, and the request waits at most a deadline for the answer. A parse past its deadline
 * is refused and told to stop; a parse that cannot stop keeps its thread until it ends, so at most
 * {@code threads} parses ever run at once, and at most one for each user, whatever is sent. A request that finds
 * its user's parse or every thread busy waits up to one deadline, then is refused as busy. Short SQL never comes
 * near the deadline: the grammars read it in milliseconds; only SQL of many kilobytes takes seconds.
 */
public final class ReadOnlyCheck implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReadOnlyCheck.class);

    private final SqlGrammar grammar;
    private final Semaphore slots;
    /** One parse at a time per user: one user's slow SQL never takes every thread. Users are few; entries stay. */
    private final ConcurrentMap<String, Semaphore> userSlots = new ConcurrentHashMap<>();
    private final ExecutorService threads;
    private final long timeoutNanos;
    private final String timeoutText;

    /**
     * @param threads how many parses may run at once
     * @param timeoutMillis how long a request waits for a free thread, and then how long its parse may take
     */
    public ReadOnlyCheck(SqlGrammar grammar, int threads, long timeoutMillis) {
        this.grammar = requireNonNull(grammar, "grammar is null");
        if (threads < 1 || timeoutMillis < 1) {
            throw new IllegalArgumentException("threads and timeoutMillis must be positive");
        }
        this.slots = new Semaphore(threads);
        CustomizableThreadFactory parseThreads = new CustomizableThreadFactory("async-query-sql-check-");
        parseThreads.setDaemon(true);
        this.threads = Executors.newFixedThreadPool(threads, parseThreads);
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        this.timeoutText = timeoutMillis % 1000 == 0 ? timeoutMillis / 1000 + " s" : timeoutMillis + " ms";
    }

    /** Parses once in the background: the first parse loads the parser's classes, better not on a user's deadline. */
    public void warmUp() {
        if (slots.tryAcquire()) {
            threads.execute(() -> {
                try {
                    grammar.classify("select 1", new CancellationToken());
                } finally {
                    slots.release();
                }
            });
        }
    }

    /** Which grammar decides. */
    public String grammarName() {
        return grammar.name();
    }

    /**
     * Decides whether {@code sql}, submitted by {@code user}, is exactly one read-only query.
     *
     * @throws SqlCheckBusyException the user's previous parse, or every parse thread, stayed busy for the deadline
     */
    public SqlVerdict check(String sql, String user) {
        requireNonNull(sql, "sql is null");
        Semaphore userSlot = userSlots.computeIfAbsent(requireNonNull(user, "user is null"), name -> new Semaphore(1));
        long waitUntil = System.nanoTime() + timeoutNanos;
        if (!acquire(userSlot, timeoutNanos)) {
            throw new SqlCheckBusyException("Your previous SQL is still being read; try again in a moment.");
        }
        if (!acquire(slots, Math.max(0, waitUntil - System.nanoTime()))) {
            userSlot.release();
            throw new SqlCheckBusyException("The server is reading too many SQL statements at once to check this "
                    + "one; try again in a moment.");
        }
        CancellationToken cancellation = new CancellationToken();
        Future<SqlVerdict> parse;
        try {
            parse = threads.submit(() -> {
                try {
                    return grammar.classify(sql, cancellation);
                } finally {
                    slots.release();
                    userSlot.release();
                }
            });
        } catch (RejectedExecutionException e) {
            slots.release();
            userSlot.release();
            throw new SqlCheckBusyException("The server is shutting down; try again in a moment.");
        }
        try {
            return parse.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            cancellation.cancel();
            parse.cancel(true);
            LOG.info("Refused SQL of {} characters from {}: {} did not read it within {}", sql.length(), user,
                    grammar.name(), timeoutText);
            return SqlVerdict.refused("Reading the SQL took longer than " + timeoutText
                    + ", so it was refused; simplify it (fewer nested parentheses or expressions), or split it.");
        } catch (InterruptedException e) {
            cancellation.cancel();
            Thread.currentThread().interrupt();
            throw new SqlCheckBusyException("The check was interrupted; try again in a moment.");
        } catch (ExecutionException e) {
            LOG.warn("{} failed on submitted SQL", grammar.name(), e.getCause());
            return SqlVerdict.refused("The SQL could not be read as a query.");
        }
    }

    private static boolean acquire(Semaphore semaphore, long nanos) {
        try {
            return semaphore.tryAcquire(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
