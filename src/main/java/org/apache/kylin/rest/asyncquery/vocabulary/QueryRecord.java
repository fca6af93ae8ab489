package org.apache.kylin.rest.asyncquery.vocabulary;

import static java.util.Objects.requireNonNull;

/** What was submitted, by whom and where: written once when a query is accepted and never changed. */
public final class QueryRecord {
    private final QueryId queryId;
    private final String owner;
    private final String project;
    private final String sql;
    private final long submittedAtMillis;
    private final String node;
    private final FormatOptions formatOptions;

    public QueryRecord(QueryId queryId, String owner, String project, String sql, long submittedAtMillis,
            String node, FormatOptions formatOptions) {
        this.queryId = requireNonNull(queryId, "queryId is null");
        this.owner = requireNonNull(owner, "owner is null");
        this.project = requireNonNull(project, "project is null");
        this.sql = requireNonNull(sql, "sql is null");
        this.submittedAtMillis = submittedAtMillis;
        this.node = requireNonNull(node, "node is null");
        this.formatOptions = requireNonNull(formatOptions, "formatOptions is null");
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
}
