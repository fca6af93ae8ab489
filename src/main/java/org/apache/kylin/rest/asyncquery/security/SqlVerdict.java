package org.apache.kylin.rest.asyncquery.security;

import static java.util.Objects.requireNonNull;

/**
 * What the read-only check decided about submitted SQL: refused with a reason a person can read, or accepted as one
 * query, with what its own top level says about paging (read from the same parse, so nothing parses it again).
 */
public final class SqlVerdict {
    private final String reason;
    private final String statement;
    private final boolean ownLimit;
    private final boolean ownOffset;
    private final int offsetInsertionPoint;

    private SqlVerdict(String reason, String statement, boolean ownLimit, boolean ownOffset,
            int offsetInsertionPoint) {
        this.reason = reason;
        this.statement = statement;
        this.ownLimit = ownLimit;
        this.ownOffset = ownOffset;
        this.offsetInsertionPoint = offsetInsertionPoint;
    }

    public static SqlVerdict refused(String reason) {
        return new SqlVerdict(requireNonNull(reason, "reason is null"), null, false, false, -1);
    }

    /**
     * @param statement the query to run: the SQL without trailing semicolons
     * @param ownLimit whether the outermost query caps its rows (LIMIT or FETCH)
     * @param ownOffset whether the outermost query skips rows (OFFSET)
     * @param offsetInsertionPoint where in {@code statement} an OFFSET clause may be inserted so that it applies
     *     before the statement's own limit, or -1 when there is no such place
     */
    public static SqlVerdict query(String statement, boolean ownLimit, boolean ownOffset, int offsetInsertionPoint) {
        return new SqlVerdict(null, requireNonNull(statement, "statement is null"), ownLimit, ownOffset,
                ownLimit && !ownOffset ? offsetInsertionPoint : -1);
    }

    public boolean isAccepted() {
        return reason == null;
    }

    /** Why the SQL was refused; null when it was accepted. */
    public String reason() {
        return reason;
    }

    /** The query to run; null when refused. */
    public String statement() {
        return statement;
    }

    public boolean ownLimit() {
        return ownLimit;
    }

    public boolean ownOffset() {
        return ownOffset;
    }

    public int offsetInsertionPoint() {
        return offsetInsertionPoint;
    }

    @Override
    public String toString() {
        return isAccepted() ? "query[limit=" + ownLimit + ", offset=" + ownOffset + ", insert at "
                + offsetInsertionPoint + "]" : "refused: " + reason;
    }
}
