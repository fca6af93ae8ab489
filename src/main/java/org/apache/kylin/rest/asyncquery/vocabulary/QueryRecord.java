package org.apache.kylin.rest.asyncquery.vocabulary;

import static java.util.Objects.requireNonNull;

/**
 * What was submitted, by whom and where: written once when a query is accepted and never changed. The paging is the
 * request's {@code offset} and {@code limit} (0 when not sent), kept so that a retry or a reuse can be compared with
 * what ran.
 */
public final class QueryRecord {
    private final QueryId queryId;
    private final String owner;
    private final String project;
    private final String sql;
    private final long submittedAtMillis;
    private final String node;
    private final FormatOptions formatOptions;
    private final Paging paging;

    public QueryRecord(QueryId queryId, String owner, String project, String sql, long submittedAtMillis,
            String node, FormatOptions formatOptions) {
        this(queryId, owner, project, sql, submittedAtMillis, node, formatOptions, Paging.NONE);
    }

    public QueryRecord(QueryId queryId, String owner, String project, String sql, long submittedAtMillis,
            String node, FormatOptions formatOptions, Paging paging) {
        this.queryId = requireNonNull(queryId, "queryId is null");
        this.owner = requireNonNull(owner, "owner is null");
        this.project = requireNonNull(project, "project is null");
        this.sql = requireNonNull(sql, "sql is null");
        this.submittedAtMillis = submittedAtMillis;
        this.node = requireNonNull(node, "node is null");
        this.formatOptions = requireNonNull(formatOptions, "formatOptions is null");
        this.paging = requireNonNull(paging, "paging is null");
    }

    public QueryId queryId() {
        return queryId;
    }

    public String owner() {
        return owner;
    }

    public String project() {
        return project;
    }

    public String sql() {
        return sql;
    }

    public long submittedAtMillis() {
        return submittedAtMillis;
    }

    public String node() {
        return node;
    }

    public FormatOptions formatOptions() {
        return formatOptions;
    }

    /** The request's offset and limit ({@link Paging#NONE} when none were sent). */
    public Paging paging() {
        return paging;
    }
}
