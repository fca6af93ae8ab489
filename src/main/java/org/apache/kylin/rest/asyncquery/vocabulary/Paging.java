package org.apache.kylin.rest.asyncquery.vocabulary;

/**
 * A submit's {@code offset} and {@code limit}: rows skipped, and most rows kept (0 for no cap), applied where the SQL
 * has no OFFSET or LIMIT of its own. Kept in a query's record so that a retry or a reuse can be compared with what
 * ran. Immutable.
 */
public final class Paging {
    public static final Paging NONE = new Paging(0, 0);

    private final long offset;
    private final long limit;

    private Paging(long offset, long limit) {
        this.offset = offset;
        this.limit = limit;
    }

    public static Paging of(long offset, long limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("Paging is negative: offset " + offset + ", limit " + limit);
        }
        return offset == 0 && limit == 0 ? NONE : new Paging(offset, limit);
    }

    public long offset() {
        return offset;
    }

    public long limit() {
        return limit;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Paging)) {
            return false;
        }
        Paging that = (Paging) o;
        return offset == that.offset && limit == that.limit;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(offset) * 31 + Long.hashCode(limit);
    }
}
