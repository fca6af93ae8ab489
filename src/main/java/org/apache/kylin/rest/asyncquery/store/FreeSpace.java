package org.apache.kylin.rest.asyncquery.store;

/** How full the working directory's file system is, as it reports it. */
public final class FreeSpace {
    private final long capacityBytes;
    private final long remainingBytes;

    public FreeSpace(long capacityBytes, long remainingBytes) {
        if (capacityBytes <= 0) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacityBytes = capacityBytes;
        this.remainingBytes = Math.max(0, remainingBytes);
    }

    public long capacityBytes() {
        return capacityBytes;
    }

    public long remainingBytes() {
        return remainingBytes;
    }

    /** Whether less than {@code percent} of the capacity is free. */
    public boolean below(int percent) {
        return (double) remainingBytes * 100 < (double) capacityBytes * percent;
    }
}
