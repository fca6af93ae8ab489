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
 */
public final class ProgressLookup {
    private final ProgressBoard board;
    private final QueryExecutor executor;
    private final ResultStore store;

    public ProgressLookup(ProgressBoard board, QueryExecutor executor, ResultStore store) {
        this.board = requireNonNull(board, "board is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.store = requireNonNull(store, "store is null");
    }

    /** This server's own knowledge: running here, or waiting in its queue. */
    public Optional<QueryProgress> local(QueryId id) {
        Optional<QueryProgress> running = board.progress(id);
        return running.isPresent() ? running : executor.queuePosition(id).map(QueryProgress::queued);
    }

    public Optional<QueryProgress> of(QueryId id) {
        Optional<QueryProgress> local = local(id);
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
