package org.apache.kylin.rest.asyncquery.store;

import static java.util.Objects.requireNonNull;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;

/**
 * A least-recently-used cache of files that never change once written (a query's record and its outcome), bounded
 * both by entries and by their estimated size in memory, so that what one request sends (a long SQL text, a long
 * name) cannot make the cache outgrow the heap. Caching them is always safe: the only change they see is
 * deletion, which callers check separately.
 */
final class WriteOnceCache<T> {
    private final int maxEntries;
    private final long maxBytes;
    private final ToLongFunction<T> weigher;
    private final LinkedHashMap<QueryId, T> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    WriteOnceCache(int maxEntries, long maxBytes, ToLongFunction<T> weigher) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        this.weigher = requireNonNull(weigher, "weigher is null");
    }

    synchronized Optional<T> get(QueryId id) {
        return Optional.ofNullable(entries.get(id));
    }

    synchronized void put(QueryId id, T value) {
        long weight = weigher.applyAsLong(value);
        if (weight > maxBytes) {
            remove(id);
            return;
        }
        T previous = entries.put(id, value);
        if (previous != null) {
            bytes -= weigher.applyAsLong(previous);
        }
        bytes += weight;
        Iterator<Map.Entry<QueryId, T>> eldest = entries.entrySet().iterator();
        while ((entries.size() > maxEntries || bytes > maxBytes) && eldest.hasNext()) {
            bytes -= weigher.applyAsLong(eldest.next().getValue());
            eldest.remove();
        }
    }

    synchronized void remove(QueryId id) {
        T removed = entries.remove(id);
        if (removed != null) {
            bytes -= weigher.applyAsLong(removed);
        }
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized long weight() {
        return bytes;
    }

    /** A rough size in memory of a string: two bytes a character and the object's own overhead. */
    static long weightOf(String text) {
        return text == null ? 0 : 40 + 2L * text.length();
    }
}
