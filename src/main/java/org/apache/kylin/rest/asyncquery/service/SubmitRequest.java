package org.apache.kylin.rest.asyncquery.service;

import static java.util.Objects.requireNonNull;

import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;

/** A validated submission: the SQL, its project, paging that applies when the SQL has none, and output options. */
public final class SubmitRequest {
    private final String sql;
    private final String project;
    private final long offset;
    private final long limit;
    private final FormatOptions formatOptions;

    public SubmitRequest(String sql, String project, long offset, long limit, FormatOptions formatOptions) {
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
}
