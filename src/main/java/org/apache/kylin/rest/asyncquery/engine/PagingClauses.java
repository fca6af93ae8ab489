package org.apache.kylin.rest.asyncquery.engine;

/**
 * What a statement's own top level says about paging, as the read-only check's parse found it: whether it caps its
 * rows (LIMIT or FETCH FIRST, treated alike), whether it skips rows (OFFSET), and where an OFFSET clause can be
 * inserted so that a request's offset applies before the statement's own cap.
 */
public final class PagingClauses {
    /** A statement with no paging of its own (or one whose paging is not its result's, as in EXPLAIN). */
    public static final PagingClauses NONE = new PagingClauses(false, false, -1);

    private final boolean ownLimit;
    private final boolean ownOffset;
    private final int offsetInsertionPoint;

    private PagingClauses(boolean ownLimit, boolean ownOffset, int offsetInsertionPoint) {
        this.ownLimit = ownLimit;
        this.ownOffset = ownOffset;
        this.offsetInsertionPoint = offsetInsertionPoint;
    }

    /**
     * @param offsetInsertionPoint the index in the statement where " OFFSET n ROWS " may be inserted, or -1
     */
    public static PagingClauses of(boolean ownLimit, boolean ownOffset, int offsetInsertionPoint) {
        return new PagingClauses(ownLimit, ownOffset, ownLimit && !ownOffset ? offsetInsertionPoint : -1);
    }

    /** LIMIT or FETCH FIRST: the statement caps its own rows. */
    public boolean ownLimit() {
        return ownLimit;
    }

    public boolean ownOffset() {
        return ownOffset;
    }

    /** Where an OFFSET clause goes, or -1. */
    public int offsetInsertionPoint() {
        return offsetInsertionPoint;
    }

    /** {@code sql} with " OFFSET {@code offset} ROWS " at the insertion point; only when there is one. */
    public String withOffset(String sql, long offset) {
        if (offsetInsertionPoint < 0 || offsetInsertionPoint > sql.length()) {
            throw new IllegalStateException("This statement has no place for an OFFSET clause");
        }
        return sql.substring(0, offsetInsertionPoint) + " OFFSET " + offset + " ROWS "
                + sql.substring(offsetInsertionPoint);
    }

    @Override
    public String toString() {
        return "PagingClauses[limit=" + ownLimit + ", offset=" + ownOffset + ", insert at " + offsetInsertionPoint
                + "]";
    }
}
