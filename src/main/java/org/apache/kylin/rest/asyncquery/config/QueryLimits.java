package org.apache.kylin.rest.asyncquery.config;

/** How much one request, one user and one export may take; each refusal names its key. */
public final class QueryLimits {
    private final int maxQueriesPerUser;
    private final int maxRequestBytes;
    private final int maxSqlLength;
    private final long maxResultRows;
    private final long maxResultBytes;

    public QueryLimits(int maxQueriesPerUser, int maxRequestBytes, int maxSqlLength, long maxResultRows,
            long maxResultBytes) {
        this.maxQueriesPerUser = maxQueriesPerUser;
        this.maxRequestBytes = maxRequestBytes;
        this.maxSqlLength = maxSqlLength;
        this.maxResultRows = maxResultRows;
        this.maxResultBytes = maxResultBytes;
    }

    /** The defaults of every key, for code that runs without configuration (tests, tools). */
    public static QueryLimits defaults() {
        return AsyncQueryConfig.from(key -> null).limits();
    }

    public int maxQueriesPerUser() {
        return maxQueriesPerUser;
    }

    public int maxRequestBytes() {
        return maxRequestBytes;
    }

    public int maxSqlLength() {
        return maxSqlLength;
    }

    public long maxResultRows() {
        return maxResultRows;
    }

    public long maxResultBytes() {
        return maxResultBytes;
    }
}
