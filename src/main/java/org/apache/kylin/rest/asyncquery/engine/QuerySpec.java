package org.apache.kylin.rest.asyncquery.engine;

import static java.util.Objects.requireNonNull;

/**
 * What to run: SQL for a user in a project. {@code offset} and {@code limit} apply only when the SQL has no
 * OFFSET or LIMIT of its own ({@link PagingClauses}, found when the SQL was checked); zero means "none", as in Kylin.
 */
public final class QuerySpec {
    private final String user;
    private final String project;
    private final String sql;
    private final long offset;
    private final long limit;
    private final PagingClauses paging;

    public QuerySpec(String user, String project, String sql, long offset, long limit, PagingClauses paging) {
        this.user = requireNonNull(user, "user is null");
        this.project = requireNonNull(project, "project is null");
        this.sql = requireNonNull(sql, "sql is null");
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
        this.offset = offset;
        this.limit = limit;
        this.paging = requireNonNull(paging, "paging is null");
    }

    public String user() {
        return user;
    }

    public String project() {
        return project;
    }

    public String sql() {
        return sql;
    }

    public long offset() {
        return offset;
    }

    public long limit() {
        return limit;
    }

    /** The SQL's own paging clauses. */
    public PagingClauses paging() {
        return paging;
    }
}
