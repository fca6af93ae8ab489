package org.apache.kylin.rest.asyncquery.service;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import org.apache.kylin.rest.asyncquery.config.ConfigKey;
import org.apache.kylin.rest.asyncquery.config.UserQuota;
import org.apache.kylin.rest.asyncquery.vocabulary.ErrorCode;

/**
 * What each user keeps in the working directory (queries of any status, and result bytes), against their quota.
 * Counting means reading every query's state, so the count is taken from the catalog at most every few seconds and
 * the submits made through this server since are added to it; a burst of submits cannot slip past the cap.
 */
public final class UserQuotas {
    private static final long RECOUNT_MILLIS = 10_000;

    private final QueryCatalog catalog;
    private final UserQuota quota;
    private final Clock clock;
    // Guarded by this.
    private final Map<String, Usage> counted = new HashMap<>();
    private final Map<String, Integer> submittedSince = new HashMap<>();
    private final Map<String, Long> keptBytesSince = new HashMap<>();
    // Bytes that running exports of each user have written so far: not in the catalog's count until committed.
    private final Map<String, Long> writingBytes = new HashMap<>();
    private long countedAtMillis = Long.MIN_VALUE;

    public UserQuotas(QueryCatalog catalog, UserQuota quota, Clock clock) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.quota = requireNonNull(quota, "quota is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Counts one more query for {@code user}, or refuses with USER_QUOTA when they already keep their most;
     * returns how many result bytes the user may still write (Long.MAX_VALUE without a byte cap).
     */
    public synchronized long admit(String user) {
        if (quota.maxKeptQueries() == 0 && quota.maxKeptBytes() == 0) {
            return Long.MAX_VALUE;
        }
        recountIfStale();
        Usage usage = counted.getOrDefault(user, Usage.NONE);
        int queries = usage.queries + submittedSince.getOrDefault(user, 0);
        if (quota.maxKeptQueries() > 0 && queries >= quota.maxKeptQueries()) {
            throw new AsyncQueryException(ErrorCode.USER_QUOTA, "User '" + user + "' already keeps " + queries
                    + " async queries, the most allowed (" + ConfigKey.MAX_KEPT_QUERIES_PER_USER.key() + " = "
                    + quota.maxKeptQueries() + "); delete some (DELETE /async_query/{queryID}) and try again.");
        }
        long bytesLeft = Long.MAX_VALUE;
        if (quota.maxKeptBytes() > 0) {
            long bytes = keptBytes(user);
            bytesLeft = quota.maxKeptBytes() - bytes;
            if (bytesLeft <= 0) {
                throw new AsyncQueryException(ErrorCode.USER_QUOTA, "User '" + user + "' already keeps "
                        + bytes + " bytes of results, the most allowed (" + ConfigKey.MAX_KEPT_BYTES_PER_USER.key()
                        + " = " + quota.maxKeptBytes() + "); delete some results and try again.");
            }
        }
        submittedSince.merge(user, 1, Integer::sum);
        return bytesLeft;
    }

    /**
     * Counts {@code moreBytes} more written by a running export of {@code user}; returns whether the user's kept
     * bytes and all their running exports' bytes together are still within the cap. Exports running at once share
     * what is left, so concurrent submits cannot each write the whole remainder.
     */
    public synchronized boolean wrote(String user, long moreBytes) {
        writingBytes.merge(user, moreBytes, Long::sum);
        return quota.maxKeptBytes() == 0 || keptBytes(user) <= quota.maxKeptBytes();
    }

    /** Forgets the {@code bytes} a running export of {@code user} reported through {@link #wrote}, as it ends. */
    public synchronized void writingEnded(String user, long bytes) {
        Long left = writingBytes.merge(user, -bytes, Long::sum);
        if (left != null && left <= 0) {
            writingBytes.remove(user);
        }
    }

    private long keptBytes(String user) {
        return counted.getOrDefault(user, Usage.NONE).bytes + keptBytesSince.getOrDefault(user, 0L)
                + writingBytes.getOrDefault(user, 0L);
    }

    /** Takes back one query counted by {@link #admit} for a submit that was refused after all. */
    public synchronized void notKept(String user) {
        Integer left = submittedSince.merge(user, -1, Integer::sum);
        if (left != null && left <= 0) {
            submittedSince.remove(user);
        }
    }

    /** Counts a result committed through this server since the last count. */
    public synchronized void resultKept(String user, long bytes) {
        keptBytesSince.merge(user, bytes, Long::sum);
    }

    /** Counts again at the next admission, after deletes. */
    public synchronized void invalidate() {
        countedAtMillis = Long.MIN_VALUE;
    }

    private void recountIfStale() {
        long now = clock.millis();
        if (countedAtMillis != Long.MIN_VALUE && now - countedAtMillis < RECOUNT_MILLIS) {
            return;
        }
        Map<String, Usage> fresh = new HashMap<>();
        for (QuerySummary summary : catalog.all()) {
            String owner = summary.record().owner();
            long bytes = summary.resultBytes() == null ? 0 : summary.resultBytes();
            fresh.put(owner, fresh.getOrDefault(owner, Usage.NONE).plus(bytes));
        }
        counted.clear();
        counted.putAll(fresh);
        submittedSince.clear();
        keptBytesSince.clear();
        countedAtMillis = now;
    }

    private static final class Usage {
        static final Usage NONE = new Usage(0, 0);
        final int queries;
        final long bytes;

        Usage(int queries, long bytes) {
            this.queries = queries;
            this.bytes = bytes;
        }

        Usage plus(long moreBytes) {
            return new Usage(queries + 1, bytes + moreBytes);
        }
    }
}
