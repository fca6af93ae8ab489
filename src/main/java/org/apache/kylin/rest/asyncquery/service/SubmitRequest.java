package org.apache.kylin.rest.asyncquery.service;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;

/**
 * A validated submission: the SQL, its project, paging that applies when the SQL has none, and output options; and
 * for the answer, the client's ID of this request (a retry with it answers the first attempt's query) and how long
 * the submit may wait for the query to finish.
 */
public final class SubmitRequest {
    private final String sql;
    private final String project;
    private final long offset;
    private final long limit;
    private final FormatOptions formatOptions;
    private final String clientRequestId;
    private final int waitTimeoutSeconds;

    public SubmitRequest(String sql, String project, long offset, long limit, FormatOptions formatOptions) {
        this(sql, project, offset, limit, formatOptions, null, 0);
    }

    /**
     * @param clientRequestId the client's ID of this request, or null when it sent none
     * @param waitTimeoutSeconds how long the submit may wait for the query to finish; 0 answers at once
     */
    public SubmitRequest(String sql, String project, long offset, long limit, FormatOptions formatOptions,
            String clientRequestId, int waitTimeoutSeconds) {
        if (waitTimeoutSeconds < 0) {
            throw new IllegalArgumentException("waitTimeoutSeconds is negative: " + waitTimeoutSeconds);
        }
        this.clientRequestId = clientRequestId;
        this.waitTimeoutSeconds = waitTimeoutSeconds;
        this.sql = requireNonNull(sql, "sql is null");
        this.project = requireNonNull(project, "project is null");
        this.offset = offset;
        this.limit = limit;
        this.formatOptions = requireNonNull(formatOptions, "formatOptions is null");
    }

    public String sql() {
        return sql;
    }

    public String project() {
        return project;
    }

    public long offset() {
        return offset;
    }

    public long limit() {
        return limit;
    }

    public FormatOptions formatOptions() {
        return formatOptions;
    }

    /** The client's ID of this request, when it sent one. */
    public Optional<String> clientRequestId() {
        return Optional.ofNullable(clientRequestId);
    }

    /** How long the submit may wait for the query to finish before it answers; 0 answers at once. */
    public int waitTimeoutSeconds() {
        return waitTimeoutSeconds;
    }
}
