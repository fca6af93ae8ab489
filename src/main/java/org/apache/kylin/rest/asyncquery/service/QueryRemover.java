package org.apache.kylin.rest.asyncquery.service;

import static java.util.Objects.requireNonNull;

import java.io.IOException;

import org.apache.kylin.rest.asyncquery.store.QueryId;
import org.apache.kylin.rest.asyncquery.store.ResultStore;

/**
 * Deletes a query: stops it first if it runs here, then removes its folder. A query running on another server
 * sees its folder gone at its next heartbeat and stops there.
 */
public final class QueryRemover {
    private static final long CANCEL_WAIT_MILLIS = 10_000;

    private final ResultStore store;
    private final QueryExecutor executor;

    public QueryRemover(ResultStore store, QueryExecutor executor) {
        this.store = requireNonNull(store, "store is null");
        this.executor = requireNonNull(executor, "executor is null");
    }

    public void remove(QueryId id) throws IOException {
        try {
            executor.cancel(id, CANCEL_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while cancelling query " + id, e);
        }
        store.delete(id);
    }
}
