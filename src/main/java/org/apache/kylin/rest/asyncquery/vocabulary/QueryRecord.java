package org.apache.kylin.rest.asyncquery.vocabulary;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;

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

    @JsonCreator
    static QueryRecord fromJson(@JsonProperty("query_id") String queryId, @JsonProperty("owner") String owner,
            @JsonProperty("project") String project, @JsonProperty("sql") String sql,
            @JsonProperty("submitted_at") long submittedAtMillis, @JsonProperty("node") String node,
            @JsonProperty("format_options") FormatOptions formatOptions) {
        QueryId id = QueryId.parse(queryId)
                .orElseThrow(() -> new IllegalArgumentException("Bad query_id in record: " + queryId));
        return new QueryRecord(id, owner, project, sql, submittedAtMillis, node, formatOptions);
    }

    @JsonIgnore
    public QueryId queryId() {
        return queryId;
    }

    @JsonProperty("query_id")
    String queryIdText() {
        return queryId.toString();
    }

    @JsonProperty("owner")
    public String owner() {
        return owner;
    }

    @JsonProperty("project")
    public String project() {
        return project;
    }

    @JsonProperty("sql")
    public String sql() {
        return sql;
    }

    @JsonProperty("submitted_at")
    public long submittedAtMillis() {
        return submittedAtMillis;
    }

    @JsonProperty("node")
    public String node() {
        return node;
    }

    @JsonProperty("format_options")
    public FormatOptions formatOptions() {
        return formatOptions;
    }
}
