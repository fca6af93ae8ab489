package org.apache.kylin.rest.asyncquery.vocabulary;

import static java.util.Objects.requireNonNull;

/**
 * How a query ended: SUCCESSFUL or FAILED, with the text shown as the status's {@code info}. Written once; the
 * first outcome committed for a query is the one that stands.
 */
public final class QueryOutcome {
    private final QueryStatus status;
    private final String info;
    private final long finishedAtMillis;
    private final Long rows;
    private final Long bytes;
    private final String route;

    public QueryOutcome(QueryStatus status, String info, long finishedAtMillis) {
        this(status, info, finishedAtMillis, null, null);
    }

    /** An outcome with the result's row and byte counts, which a SUCCESSFUL query has and a FAILED one lacks. */
    public QueryOutcome(QueryStatus status, String info, long finishedAtMillis, Long rows, Long bytes) {
        this(status, info, finishedAtMillis, rows, bytes, null);
    }

    /** @param route which way the result was written (an {@code ExportRoute}'s name), or null where not recorded */
    public QueryOutcome(QueryStatus status, String info, long finishedAtMillis, Long rows, Long bytes,
            String route) {
        if (!requireNonNull(status, "status is null").isTerminal()) {
            throw new IllegalArgumentException("An outcome is SUCCESSFUL or FAILED, not " + status);
        }
        this.status = status;
        this.info = requireNonNull(info, "info is null");
        this.finishedAtMillis = finishedAtMillis;
        this.rows = rows;
        this.bytes = bytes;
        this.route = route;
    }

    public QueryStatus status() {
        return status;
    }

    public String info() {
        return info;
    }

    public long finishedAtMillis() {
        return finishedAtMillis;
    }

    /** Rows in the result, for a SUCCESSFUL query; null otherwise. */
    public Long rows() {
        return rows;
    }

    /** Bytes in the result file, for a SUCCESSFUL query; null otherwise. */
    public Long bytes() {
        return bytes;
    }

    /** Which way the result was written (for example {@code SPARK_EXECUTORS}); null where not recorded. */
    public String route() {
        return route;
    }
}
