package org.apache.kylin.rest.asyncquery.service;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

import org.apache.kylin.rest.asyncquery.store.ResultStore;
import org.apache.kylin.rest.asyncquery.store.StoreException;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryProgress;

/**
 * Where an unfinished query has got: live from this server when it runs or waits here, otherwise as its own server
 * last wrote it to the working directory (at most one heartbeat old).
 *
 * <p>Thread-safe: it keeps no state of its own.
 */
public final class ProgressLookup {
    private final QueryExecutor executor;
    private final ResultStore store;

    public ProgressLookup(QueryExecutor executor, ResultStore store) {
        this.executor = requireNonNull(executor, "executor is null");
        this.store = requireNonNull(store, "store is null");
    }

    public Optional<QueryProgress> of(QueryId id) {
        Optional<QueryProgress> local = executor.progress(id);
        if (local.isPresent()) {
            return local;
        }
        try {
            return store.findProgress(id);
        } catch (StoreException e) {
            return Optional.empty();
        }
    }
}
