package org.apache.kylin.rest.asyncquery.engine;

import java.util.regex.Pattern;

/**
 * The statement to run and the rows of its result to keep: skip {@code offset}, then keep at most {@code limit}
 * (0 = all). The request's offset and limit take effect only where the SQL has no clause of its own, as Kylin
 * documents. Where the SQL has a LIMIT but no OFFSET, the offset is appended to the SQL as Kylin does, so that it
 * applies before the SQL's own LIMIT rather than after it.
 */
final class RowWindow {
    private static final Pattern TRAILING_SEMICOLONS = Pattern.compile("[\\s;]+$");

    private final String sql;
    private final long offset;
    private final long limit;

    private RowWindow(String sql, long offset, long limit) {
        this.sql = sql;
        this.offset = offset;
        this.limit = limit;
    }

    static RowWindow of(QuerySpec spec, PagingClauses clauses) {
        long limit = clauses.hasLimit() ? 0 : spec.limit();
        if (clauses.hasOffset() || spec.offset() == 0) {
            return new RowWindow(spec.sql(), 0, limit);
        }
        if (clauses.hasLimitClause()) {
            String sql = TRAILING_SEMICOLONS.matcher(spec.sql()).replaceAll("") + "\nOFFSET " + spec.offset();
            return new RowWindow(sql, 0, limit);
        }
        return new RowWindow(spec.sql(), spec.offset(), limit);
    }

    /** The SQL to execute. */
    String sql() {
        return sql;
    }

    /** Rows of the statement's result to skip. */
    long offset() {
        return offset;
    }

    /** The number of rows to keep, or 0 when there is no cap. */
    long limit() {
        return limit;
    }

    /** A hint for {@code Statement.setMaxRows}: how many rows the driver need produce, or 0 for all. */
    int maxRowsHint() {
        if (limit == 0) {
            return 0;
        }
        long total = offset + limit;
        return total > Integer.MAX_VALUE ? 0 : (int) total;
    }
}
