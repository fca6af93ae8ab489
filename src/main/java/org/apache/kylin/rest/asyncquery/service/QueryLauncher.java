package org.apache.kylin.rest.asyncquery.service;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.function.Consumer;

import org.apache.kylin.rest.asyncquery.engine.QuerySpec;
import org.apache.kylin.rest.asyncquery.metrics.AsyncQueryMetrics;
import org.apache.kylin.rest.asyncquery.metrics.QueryEnding;
import org.apache.kylin.rest.asyncquery.security.SecurityContextCarrier;
import org.apache.kylin.rest.asyncquery.store.ResultStore;
import org.apache.kylin.rest.asyncquery.vocabulary.CancellationToken;
import org.apache.kylin.rest.asyncquery.vocabulary.Paging;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryOutcome;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryRecord;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryStatus;

/**
 * Writes an accepted query's record, then starts its job on the executor with the submitter's security context,
 * or records it FAILED at once. A step that is refused (a full queue, the user's limit, the storage) undoes the
 * steps before it, so a refused query leaves nothing behind.
 */
public final class QueryLauncher {
    private final ResultStore store;
    private final QueryExecutor executor;
    private final QueryJobFactory jobs;
    private final SecurityContextCarrier securityContexts;
    private final String nodeId;
    private final Clock clock;
    private final AsyncQueryMetrics metrics;

    /** @param nodeId this server's ID, written into each record so that others know whose query it is */
    public QueryLauncher(ResultStore store, QueryExecutor executor, QueryJobFactory jobs,
            SecurityContextCarrier securityContexts, String nodeId, Clock clock, AsyncQueryMetrics metrics) {
        this.store = requireNonNull(store, "store is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.securityContexts = requireNonNull(securityContexts, "securityContexts is null");
        this.nodeId = requireNonNull(nodeId, "nodeId is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    /** The record of a query submitted now to this server. */
    QueryRecord newRecord(QueryId id, String owner, String project, SubmitRequest request) {
        return new QueryRecord(id, owner, project, request.sql(), clock.millis(), nodeId, request.formatOptions(),
                Paging.of(request.offset(), request.limit()));
    }

    /**
     * Admits the query, writes its record and starts it.
     *
     * @throws AsyncQueryException QUEUE_FULL or USER_LIMIT from the executor, or a storage failure; nothing is kept
     */
    void start(QueryRecord record, QuerySpec spec, long quotaBytesLeft) {
        start(record, spec, quotaBytesLeft, () -> { });
    }

    /**
     * As {@link #start(QueryRecord, QuerySpec, long)}, with a last step between writing the record and starting
     * the job (claiming the query's client request ID); when that step throws, the query is undone like a refusal.
     */
    void start(QueryRecord record, QuerySpec spec, long quotaBytesLeft, Runnable beforeStart) {
        QueryId id = record.queryId();
        QueryExecutor.Admission admission = executor.admit(id, record.owner());
        try {
            store.create(record);
        } catch (RuntimeException e) {
            admission.release();
            throw e;
        }
        Consumer<CancellationToken> job;
        try {
            job = securityContexts.carry(jobs.create(admission.query(), record, spec, quotaBytesLeft));
            beforeStart.run();
        } catch (RuntimeException e) {
            // Not yet started: its place must be given back, or the server and the user lose one for good. The
            // record goes first, so that nobody sees it without its place and takes it for a restart's orphan.
            try {
                store.delete(id);
            } finally {
                admission.release();
            }
            throw e;
        }
        try {
            admission.start(job);
        } catch (RuntimeException e) {
            store.delete(id);
            throw e;
        }
        metrics.querySubmitted();
    }

    /**
     * Writes the record of a query that cannot run, with its FAILED outcome, so that its ID still answers; then
     * {@code afterRecord} (claiming its client request ID), which undoes it all when it throws.
     */
    void recordFailed(QueryRecord record, String reason, Runnable afterRecord) {
        store.create(record);
        store.recordOutcome(record.queryId(), new QueryOutcome(QueryStatus.FAILED, reason, clock.millis()));
        try {
            afterRecord.run();
        } catch (RuntimeException e) {
            store.delete(record.queryId());
            throw e;
        }
        metrics.querySubmitted();
        metrics.queryEnded(QueryEnding.FAILED);
    }
}
