package org.apache.kylin.rest.asyncquery.service;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kylin.rest.asyncquery.store.ResultStore;
import org.apache.kylin.rest.asyncquery.vocabulary.ErrorCode;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes a query: stops it first if it runs here, then removes its folder. A query running on another server
 * sees its folder gone at its next heartbeat and stops there.
 */
public final class QueryRemover {
    private static final Logger LOG = LoggerFactory.getLogger(QueryRemover.class);
    /**
     * Long enough for a JDBC cancel and the row loop to notice; a query still busy after that loses its folder
     * anyway, and its next write fails because the folder is gone.
     */
    private static final long CANCEL_WAIT_MILLIS = 10_000;

    private final ResultStore store;
    private final QueryExecutor executor;

    public QueryRemover(ResultStore store, QueryExecutor executor) {
        this.store = requireNonNull(store, "store is null");
        this.executor = requireNonNull(executor, "executor is null");
    }

    public void remove(QueryId id) {
        removeAll(Collections.singletonList(id));
    }

    /**
     * Cancels all of them at once, waits for them together, then deletes each.
     *
     * @throws AsyncQueryException INTERNAL_ERROR when this thread is interrupted (the server is shutting down)
     */
    public void removeAll(List<QueryId> ids) {
        for (QueryId id : ids) {
            executor.requestCancel(id);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CANCEL_WAIT_MILLIS);
        for (QueryId id : ids) {
            try {
                long left = Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                if (!executor.awaitStopped(id, left)) {
                    LOG.warn("Query {} did not stop within {} ms of its cancel; deleting its files anyway", id,
                            CANCEL_WAIT_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AsyncQueryException(ErrorCode.INTERNAL_ERROR,
                        "The server was interrupted while stopping query " + id + "; it may be shutting down.", e);
            }
        }
        for (QueryId id : ids) {
            store.delete(id);
        }
    }
}
