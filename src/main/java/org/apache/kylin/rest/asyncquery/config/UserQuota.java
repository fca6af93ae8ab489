package org.apache.kylin.rest.asyncquery.config;

/** What one user may keep in the working directory: queries and result bytes. A cap of zero means no cap. */
public final class UserQuota {
    private final int maxKeptQueries;
    private final long maxKeptBytes;

    public UserQuota(int maxKeptQueries, long maxKeptBytes) {
        if (maxKeptQueries < 0 || maxKeptBytes < 0) {
            throw new IllegalArgumentException("caps must not be negative");
        }
        this.maxKeptQueries = maxKeptQueries;
        this.maxKeptBytes = maxKeptBytes;
    }

    public static UserQuota unlimited() {
        return new UserQuota(0, 0);
    }

    public int maxKeptQueries() {
        return maxKeptQueries;
    }

    public long maxKeptBytes() {
        return maxKeptBytes;
    }
}
