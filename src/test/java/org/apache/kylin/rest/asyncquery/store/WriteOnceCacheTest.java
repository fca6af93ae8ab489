package org.apache.kylin.rest.asyncquery.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.junit.jupiter.api.Test;

class WriteOnceCacheTest {
    @Test
    void isBoundedByTheSizeOfWhatItHoldsNotJustByEntries() {
        WriteOnceCache<String> cache = new WriteOnceCache<>(10_000, 10_000, WriteOnceCache::weightOf);
        for (int i = 0; i < 100; i++) {
            cache.put(QueryId.random(), "x".repeat(1_000));
        }
        assertThat(cache.weight()).isLessThanOrEqualTo(10_000);
        assertThat(cache.size()).isEqualTo(4);
    }

    @Test
    void evictsTheLeastRecentlyUsedAndNeverHoldsAnEntryLargerThanTheBudget() {
        WriteOnceCache<String> cache = new WriteOnceCache<>(2, 1_000_000, WriteOnceCache::weightOf);
        QueryId a = QueryId.random();
        QueryId b = QueryId.random();
        QueryId c = QueryId.random();
        cache.put(a, "a");
        cache.put(b, "b");
        cache.get(a);
        cache.put(c, "c");
        assertThat(cache.get(b)).isEmpty();
        assertThat(cache.get(a)).contains("a");

        QueryId huge = QueryId.random();
        cache.put(huge, "h".repeat(600_000));
        assertThat(cache.get(huge)).isEmpty();
        assertThat(cache.get(a)).contains("a");
        cache.remove(a);
        cache.remove(c);
        assertThat(cache.weight()).isZero();
    }
}
