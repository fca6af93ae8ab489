package org.apache.kylin.rest.asyncquery.service;

import java.util.ArrayList;
import java.util.List;

/**
 * Which finished queries to delete: those older than the retention period, then the oldest while the count or
 * the total result bytes is over its cap. A cap of zero means no cap.
 */
public final class RetentionPolicy {
    private final long retainMillis;
    private final int maxResults;
    private final long maxTotalBytes;

    public RetentionPolicy(long retainMillis, int maxResults, long maxTotalBytes) {
        this.retainMillis = retainMillis;
        this.maxResults = maxResults;
        this.maxTotalBytes = maxTotalBytes;
    }

    /** From finished queries listed newest first, the ones to delete at {@code nowMillis}. */
    List<QuerySummary> toDelete(List<QuerySummary> finishedNewestFirst, long nowMillis) {
        return toDelete(finishedNewestFirst, 0, nowMillis);
    }

    /**
     * As {@link #toDelete(List, long)}, with {@code untrackedBytes} already on disk outside any query counted
     * against the byte cap first.
     */
    List<QuerySummary> toDelete(List<QuerySummary> finishedNewestFirst, long untrackedBytes, long nowMillis) {
        List<QuerySummary> doomed = new ArrayList<>();
        long keptBytes = untrackedBytes;
        int kept = 0;
        boolean full = false;
        for (QuerySummary summary : finishedNewestFirst) {
            long bytes = summary.resultBytes() == null ? 0 : summary.resultBytes();
            // Once a cap is reached, everything older goes too: eviction is strictly oldest first.
            full = full || (maxResults > 0 && kept + 1 > maxResults)
                    || (maxTotalBytes > 0 && keptBytes + bytes > maxTotalBytes);
            if (full || nowMillis - finishedAt(summary) > retainMillis) {
                doomed.add(summary);
            } else {
                kept++;
                keptBytes += bytes;
            }
        }
        return doomed;
    }

    private static long finishedAt(QuerySummary summary) {
        Long finished = summary.finishedAtMillis();
        return finished != null ? finished : summary.record().submittedAtMillis();
    }
}
