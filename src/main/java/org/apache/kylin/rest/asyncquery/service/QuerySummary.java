package org.apache.kylin.rest.asyncquery.service;

import static java.util.Objects.requireNonNull;

import org.apache.kylin.rest.asyncquery.vocabulary.QueryRecord;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryStatus;

/** One query as the listing and the cleaner see it: who, where, its state, when, and its result's size. */
public final class QuerySummary {
    private final QueryRecord record;
    private final QueryStatus status;
    private final String info;
    private final Long finishedAtMillis;
    private final Long resultBytes;

    QuerySummary(QueryRecord record, QueryStatus status, String info, Long finishedAtMillis, Long resultBytes) {
        this.record = requireNonNull(record, "record is null");
        this.status = requireNonNull(status, "status is null");
        this.info = requireNonNull(info, "info is null");
        this.finishedAtMillis = finishedAtMillis;
        this.resultBytes = resultBytes;
    }

    public QueryRecord record() {
        return record;
    }

    public QueryStatus status() {
        return status;
    }

    public String info() {
        return info;
    }

    /** When it finished, or null while it runs. */
    public Long finishedAtMillis() {
        return finishedAtMillis;
    }

    /** The result's size in bytes for a SUCCESSFUL query, otherwise null. */
    public Long resultBytes() {
        return resultBytes;
    }
}
