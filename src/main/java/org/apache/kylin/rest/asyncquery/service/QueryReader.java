package org.apache.kylin.rest.asyncquery.service;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.apache.kylin.rest.asyncquery.metrics.AsyncQueryMetrics;
import org.apache.kylin.rest.asyncquery.security.Requester;
import org.apache.kylin.rest.asyncquery.store.ResultStore;
import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;
import org.apache.kylin.rest.asyncquery.vocabulary.ErrorCode;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryOutcome;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryRecord;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryStatus;

/**
 * Answers about one query for a requester who may see it: its status, and once it is SUCCESSFUL its column
 * metadata, size and download; also where its folder is. Answers come from the shared working directory, so every
 * server sharing it answers the same.
 */
public final class QueryReader {
    private final QueryAccess access;
    private final ResultStore store;
    private final QueryStates states;
    private final QueryExecutor executor;
    private final ProgressLookup progress;
    private final Clock clock;
    private final AsyncQueryMetrics metrics;

    public QueryReader(QueryAccess access, ResultStore store, QueryStates states, QueryExecutor executor,
            ProgressLookup progress, Clock clock, AsyncQueryMetrics metrics) {
        this.access = requireNonNull(access, "access is null");
        this.store = requireNonNull(store, "store is null");
        this.states = requireNonNull(states, "states is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.progress = requireNonNull(progress, "progress is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    /** RUNNING (with its progress), SUCCESSFUL, FAILED, or MISSING when nothing is known of the ID. */
    public QueryState status(Requester requester, QueryId id) {
        Optional<QueryRecord> record = access.find(requester, id);
        if (!record.isPresent()) {
            return QueryState.missing(id.toString());
        }
        Optional<QueryOutcome> outcome = states.outcome(record.get());
        if (outcome.isPresent()) {
            QueryOutcome done = outcome.get();
            String info = done.info();
            if (executor.isStopping(id)) {
                // Told to stop, but the engine has not given its thread back yet: say so rather than claim it freed.
                info = info + " " + QueryState.STILL_STOPPING_INFO;
            }
            return new QueryState(id.toString(), done.status(), info, done.rows(), done.uncompressedBytes(),
                    done.storedCompressed() ? done.bytes() : null);
        }
        return QueryState.running(id, record.get().submittedAtMillis(), progress.of(id).orElse(null));
    }

    public List<ColumnMeta> metadata(Requester requester, QueryId id) {
        requireSuccessful(access.require(requester, id));
        return store.readColumns(id);
    }

    /**
     * The result's size before any compression at rest, as its outcome recorded it (listed only for an outcome of
     * an older version, which stored nothing compressed).
     */
    public long resultSize(Requester requester, QueryId id) {
        QueryOutcome outcome = requireSuccessful(access.require(requester, id));
        return outcome.bytes() != null ? outcome.uncompressedBytes() : store.result(id, outcome).size();
    }

    public ResultDownload download(Requester requester, QueryId id) {
        QueryRecord record = access.require(requester, id);
        QueryOutcome outcome = requireSuccessful(record);
        access.checkDownload(requester, record);
        return new ResultDownload(store.result(id, outcome), record.formatOptions(), outcome, clock, metrics);
    }

    /**
     * The record of a result the requester may download, by exactly the checks of {@link #download}: their query
     * or an administrator's, SUCCESSFUL, and the export switches.
     */
    QueryRecord downloadableRecord(Requester requester, QueryId id) {
        QueryRecord record = access.require(requester, id);
        requireSuccessful(record);
        access.checkDownload(requester, record);
        return record;
    }

    /** The URI of the query's folder. */
    public String resultPath(Requester requester, QueryId id) {
        access.require(requester, id);
        return store.queryPath(id);
    }

    /** The outcome of a query that has a result, or QUERY_NOT_SUCCESSFUL. */
    private QueryOutcome requireSuccessful(QueryRecord record) {
        QueryId id = record.queryId();
        Optional<QueryOutcome> outcome = states.outcome(record);
        if (!outcome.isPresent()) {
            throw new AsyncQueryException(ErrorCode.QUERY_NOT_SUCCESSFUL,
                    "Query " + id + " is still running; its result is not ready yet.");
        }
        if (outcome.get().status() != QueryStatus.SUCCESSFUL) {
            throw new AsyncQueryException(ErrorCode.QUERY_NOT_SUCCESSFUL,
                    "Query " + id + " failed, so it has no result: " + outcome.get().info());
        }
        return outcome.get();
    }
}
