package org.apache.kylin.rest.asyncquery.service;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

import org.apache.kylin.rest.asyncquery.config.ConfigKey;
import org.apache.kylin.rest.asyncquery.store.FreeSpace;
import org.apache.kylin.rest.asyncquery.store.ResultStore;
import org.apache.kylin.rest.asyncquery.vocabulary.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps exports from filling the working directory's file system: below the configured share of free capacity,
 * submits are refused and running exports stop. The file system is asked at most once every few seconds (on HDFS
 * that is a NameNode call); where it does not report a capacity, nothing is refused.
 */
public final class StorageGuard {
    private static final Logger LOG = LoggerFactory.getLogger(StorageGuard.class);
    private static final long RECHECK_MILLIS = 2_000;

    private final ResultStore store;
    private final int minFreePercent;
    private final Clock clock;
    private long checkedAtMillis = Long.MIN_VALUE;
    private Optional<FreeSpace> last = Optional.empty();

    public StorageGuard(ResultStore store, int minFreePercent, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.minFreePercent = minFreePercent;
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Refuses with STORAGE_FULL when the file system is below the floor. */
    public void requireRoom() {
        Optional<String> low = shortage();
        if (low.isPresent()) {
            throw new AsyncQueryException(ErrorCode.STORAGE_FULL, low.get() + " No new export is accepted until an "
                    + "administrator frees space or results are deleted.");
        }
    }

    /** Why there is no room, or empty while there is (or the file system does not tell). */
    public Optional<String> shortage() {
        if (minFreePercent <= 0) {
            return Optional.empty();
        }
        Optional<FreeSpace> space = current();
        if (!space.isPresent() || !space.get().below(minFreePercent)) {
            return Optional.empty();
        }
        double freePercent = 100.0 * space.get().remainingBytes() / space.get().capacityBytes();
        return Optional.of(String.format(Locale.ROOT, "The working directory's file system has %.1f%% of its "
                + "capacity free, less than %s (%d%%).", freePercent, ConfigKey.MIN_FREE_PERCENT.key(),
                minFreePercent));
    }

    private synchronized Optional<FreeSpace> current() {
        long now = clock.millis();
        if (checkedAtMillis != Long.MIN_VALUE && now - checkedAtMillis < RECHECK_MILLIS) {
            return last;
        }
        checkedAtMillis = now;
        try {
            last = store.freeSpace();
        } catch (RuntimeException e) {
            LOG.debug("Could not read the working directory's free space", e);
            last = Optional.empty();
        }
        return last;
    }
}
