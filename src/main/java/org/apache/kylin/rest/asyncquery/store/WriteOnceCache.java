package org.apache.kylin.rest.asyncquery.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A bounded, least-recently-used cache of files that never change once written (a query's record and its
 * outcome). Caching them is always safe: the only change they see is deletion, which callers check separately.
 */
final class WriteOnceCache<T> {
    private final Map<QueryId, T> entries;

    WriteOnceCache(int capacity) {
        this.entries = new LinkedHashMap<QueryId, T>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<QueryId, T> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized Optional<T> get(QueryId id) {
        return Optional.ofNullable(entries.get(id));
    }

    synchronized void put(QueryId id, T value) {
        entries.put(id, value);
    }

    synchronized void remove(QueryId id) {
        entries.remove(id);
    }
}
