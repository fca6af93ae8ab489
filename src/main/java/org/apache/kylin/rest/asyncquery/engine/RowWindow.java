package org.apache.kylin.rest.asyncquery.engine;

/**
 * The statement to run and the rows of its result to keep: skip {@code offset}, then keep at most {@code limit}
 * (0 = all). The request's offset and limit take effect only where the SQL has no clause of its own, as Kylin
 * documents. Where the SQL caps its rows (LIMIT or FETCH FIRST alike) but has no OFFSET, the offset goes into the
 * SQL, as Kylin does, so that it applies before the SQL's own cap rather than after it.
 */
final class RowWindow {
    private final String sql;
    private final long offset;
    private final long limit;

    private RowWindow(String sql, long offset, long limit) {
        this.sql = sql;
        this.offset = offset;
        this.limit = limit;
    }

    static RowWindow of(QuerySpec spec) {
        PagingClauses clauses = spec.paging();
        long limit = clauses.ownLimit() ? 0 : spec.limit();
        if (clauses.ownOffset() || spec.offset() == 0) {
            return new RowWindow(spec.sql(), 0, limit);
        }
        if (clauses.ownLimit() && clauses.offsetInsertionPoint() >= 0) {
            return new RowWindow(clauses.withOffset(spec.sql(), spec.offset()), 0, limit);
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
