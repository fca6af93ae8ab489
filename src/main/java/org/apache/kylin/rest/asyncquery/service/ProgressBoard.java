package org.apache.kylin.rest.asyncquery.service;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryProgress;

/** The live progress of the queries running on this server, updated by their jobs as rows are written. */
public final class ProgressBoard {
    private final Map<QueryId, Live> running = new ConcurrentHashMap<>();

    Live start(QueryId id, long startedAtMillis) {
        Live live = new Live(startedAtMillis);
        running.put(id, live);
        return live;
    }

    void finish(QueryId id) {
        running.remove(id);
    }

    /** The progress of a query running here, or empty if it does not run here (or waits). */
    public Optional<QueryProgress> progress(QueryId id) {
        Live live = running.get(id);
        return live == null ? Optional.empty() : Optional.of(live.snapshot());
    }

    /** One running query's counters; only its own job writes them. */
    static final class Live {
        private final long startedAtMillis;
        private final AtomicLong rows = new AtomicLong();
        private final AtomicLong bytes = new AtomicLong();

        private Live(long startedAtMillis) {
            this.startedAtMillis = startedAtMillis;
        }

        void rowWritten() {
            rows.incrementAndGet();
        }

        void bytesWritten(long total) {
            bytes.set(total);
        }

        QueryProgress snapshot() {
            return new QueryProgress(null, startedAtMillis, rows.get(), bytes.get());
        }
    }
}
