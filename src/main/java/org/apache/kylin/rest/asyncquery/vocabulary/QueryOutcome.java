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
    private final Long uncompressedBytes;

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
        this(status, info, finishedAtMillis, rows, bytes, route, null);
    }

    /**
     * @param uncompressedBytes for a result stored compressed, its bytes before compression (what {@code
     *     filestatus} reports); null for a result stored as it is, whose {@code bytes} are the same
     */
    public QueryOutcome(QueryStatus status, String info, long finishedAtMillis, Long rows, Long bytes,
            String route, Long uncompressedBytes) {
        if (!requireNonNull(status, "status is null").isTerminal()) {
            throw new IllegalArgumentException("An outcome is SUCCESSFUL or FAILED, not " + status);
        }
        this.status = status;
        this.info = requireNonNull(info, "info is null");
        this.finishedAtMillis = finishedAtMillis;
        this.rows = rows;
        this.bytes = bytes;
        this.route = route;
        this.uncompressedBytes = uncompressedBytes;
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

    /** Bytes in the result file as stored, for a SUCCESSFUL query; null otherwise. */
    public Long bytes() {
        return bytes;
    }

    /**
     * The result's bytes before compression, for a SUCCESSFUL query: those of the text for a result stored
     * compressed, else its stored bytes; null for a FAILED one.
     */
    public Long uncompressedBytes() {
        return uncompressedBytes != null ? uncompressedBytes : bytes;
    }

    /** Whether the result is stored compressed, so its stored bytes are fewer than its text's. */
    public boolean storedCompressed() {
        return uncompressedBytes != null;
    }

    /** Which way the result was written (for example {@code SPARK_EXECUTORS}); null where not recorded. */
    public String route() {
        return route;
    }
}
