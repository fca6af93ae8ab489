package org.apache.kylin.rest.asyncquery.engine;

/**
 * The rows of a statement's result to keep: skip {@code offset}, then keep at most {@code limit} (0 = all).
 * The request's offset and limit take effect only where the SQL has no clause of its own, as Kylin documents.
 */
final class RowWindow {
    private final long offset;
    private final long limit;

    private RowWindow(long offset, long limit) {
        this.offset = offset;
        this.limit = limit;
    }

    static RowWindow of(QuerySpec spec, PagingClauses clauses) {
        return new RowWindow(clauses.hasOffset() ? 0 : spec.offset(), clauses.hasLimit() ? 0 : spec.limit());
    }

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
