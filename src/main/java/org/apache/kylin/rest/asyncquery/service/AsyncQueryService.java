package org.apache.kylin.rest.asyncquery.service;

import static java.util.Objects.requireNonNull;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.hadoop.fs.FileStatus;
import org.apache.kylin.rest.asyncquery.engine.PagingClauses;
import org.apache.kylin.rest.asyncquery.engine.ProjectAccessDeniedException;
import org.apache.kylin.rest.asyncquery.engine.QueryEngine;
import org.apache.kylin.rest.asyncquery.engine.QuerySpec;
import org.apache.kylin.rest.asyncquery.security.ReadOnlyCheck;
import org.apache.kylin.rest.asyncquery.security.Requester;
import org.apache.kylin.rest.asyncquery.security.SecurityContextCarrier;
import org.apache.kylin.rest.asyncquery.security.SqlCheckBusyException;
import org.apache.kylin.rest.asyncquery.security.SqlVerdict;
import org.apache.kylin.rest.asyncquery.store.ResultStore;
import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;
import org.apache.kylin.rest.asyncquery.vocabulary.ErrorCode;
import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryOutcome;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryRecord;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryStatus;

/**
 * The lifecycle of async queries: submit, status, metadata, size, download, path, stop and delete, with the
 * ownership rule applied to every query-specific call. Answers come from the shared working directory, so every
 * server sharing it answers the same.
 */
public class AsyncQueryService {
    private static final long STOP_WAIT_MILLIS = 3_000;
    private final QueryEngine engine;
    private final ReadOnlyCheck readOnly;
    private final ResultStore store;
    private final QueryExecutor executor;
    private final QueryStates states;
    private final QueryCatalog catalog;
    private final QueryRemover remover;
    private final OutcomeRecorder outcomes;
    private final QueryJobFactory jobs;
    private final ProgressLookup progress;
    private final AccessPolicy accessPolicy;
    private final SecurityContextCarrier securityContexts;
    private final UserQuotas quotas;
    private final StorageGuard storageGuard;
    private final String nodeId;
    private final Clock clock;

    public AsyncQueryService(QueryEngine engine, ReadOnlyCheck readOnly, ResultStore store, QueryExecutor executor,
            QueryStates states, QueryCatalog catalog, QueryRemover remover, OutcomeRecorder outcomes, QueryJobFactory jobs,
            ProgressLookup progress, AccessPolicy accessPolicy, SecurityContextCarrier securityContexts,
            UserQuotas quotas, StorageGuard storageGuard, String nodeId, Clock clock) {
        this.engine = requireNonNull(engine, "engine is null");
        this.readOnly = requireNonNull(readOnly, "readOnly is null");
        this.store = requireNonNull(store, "store is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.states = requireNonNull(states, "states is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.remover = requireNonNull(remover, "remover is null");
        this.outcomes = requireNonNull(outcomes, "outcomes is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.progress = requireNonNull(progress, "progress is null");
        this.accessPolicy = requireNonNull(accessPolicy, "accessPolicy is null");
        this.securityContexts = requireNonNull(securityContexts, "securityContexts is null");
        this.quotas = requireNonNull(quotas, "quotas is null");
        this.storageGuard = requireNonNull(storageGuard, "storageGuard is null");
        this.nodeId = requireNonNull(nodeId, "nodeId is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Accepts a query and starts it in the background. A query for a project that does not exist is recorded as
     * FAILED so that its ID still answers, and counts against the user's quota like any other; a full server
     * refuses with QUEUE_FULL, a user over their quota with USER_QUOTA, a full file system with STORAGE_FULL, and
     * none of them records anything.
     */
    public QueryState submit(Requester requester, SubmitRequest request) {
        SqlVerdict verdict = readOnlyVerdict(request.sql(), requester);
        QueryId id = QueryId.random();
        Optional<String> project = engine.resolveProject(request.project());
        if (project.isPresent()) {
            authorize(requester, project.get());
        }
        storageGuard.requireRoom();
        long quotaBytesLeft = quotas.admit(requester.name());
        try {
            if (!project.isPresent()) {
                String reason = "Project '" + request.project() + "' does not exist;";
                QueryRecord record = newRecord(id, requester, request.project(), request);
                storage(() -> {
                    store.create(record);
                    return store.recordOutcome(id, new QueryOutcome(QueryStatus.FAILED, reason, clock.millis()));
                });
                return new QueryState(id.toString(), QueryStatus.FAILED, reason);
            }
            QueryRecord record = newRecord(id, requester, project.get(), request);
            QuerySpec spec = new QuerySpec(requester.name(), project.get(), verdict.statement(), request.offset(),
                    request.limit(), PagingClauses.of(verdict.ownLimit(), verdict.ownOffset(),
                            verdict.offsetInsertionPoint()));
            QueryExecutor.Admission admission = executor.admit(id, requester.name());
            try {
                storage(() -> {
                    store.create(record);
                    return null;
                });
            } catch (RuntimeException e) {
                admission.release();
                throw e;
            }
            try {
                admission.start(securityContexts.carry(jobs.create(admission.query(), record, spec, quotaBytesLeft)));
            } catch (RuntimeException e) {
                storage(() -> store.delete(id));
                throw e;
            }
            return QueryState.running(id);
        } catch (RuntimeException e) {
            // Refused after all (queue, user limit, storage): it keeps nothing, so it must not count.
            quotas.notKept(requester.name());
            throw e;
        }
    }

    private void authorize(Requester requester, String project) {
        try {
            engine.authorize(requester.name(), project);
        } catch (ProjectAccessDeniedException e) {
            throw new AsyncQueryException(ErrorCode.ACCESS_DENIED, e.getMessage(), e);
        }
    }

    /** The read-only check's verdict on the SQL (its one parse for this submit), refusing what it refuses. */
    private SqlVerdict readOnlyVerdict(String sql, Requester requester) {
        SqlVerdict verdict;
        try {
            verdict = readOnly.check(sql, requester.name());
        } catch (SqlCheckBusyException e) {
            throw new AsyncQueryException(ErrorCode.SQL_CHECK_BUSY, e.getMessage(), e);
        }
        if (!verdict.isAccepted()) {
            throw new AsyncQueryException(ErrorCode.SQL_NOT_ALLOWED, verdict.reason());
        }
        return verdict;
    }

    /** The projects the requester may submit to. */
    public List<String> projects() {
        return engine.projects();
    }

    public QueryState status(Requester requester, QueryId id) {
        Optional<QueryRecord> record = storage(() -> store.findRecord(id));
        if (!record.isPresent()) {
            return QueryState.missing(id.toString());
        }
        checkAccess(requester, record.get());
        Optional<QueryOutcome> outcome = storage(() -> states.outcome(record.get()));
        if (outcome.isPresent()) {
            QueryOutcome done = outcome.get();
            String info = done.info();
            if (executor.isStopping(id)) {
                // Told to stop, but the engine has not given its thread back yet: say so rather than claim it freed.
                info = info + " " + QueryState.STILL_STOPPING_INFO;
            }
            return new QueryState(id.toString(), done.status(), info, done.rows(), done.bytes());
        }
        return QueryState.running(id, record.get().submittedAtMillis(), progress.of(id).orElse(null));
    }

    public List<ColumnMeta> metadata(Requester requester, QueryId id) {
        requireSuccessful(requester, id);
        return storage(() -> store.readColumns(id));
    }

    public long resultSize(Requester requester, QueryId id) {
        requireSuccessful(requester, id);
        return storage(() -> store.resultSize(id));
    }

    public ResultDownload download(Requester requester, QueryId id) {
        QueryRecord record = requireSuccessful(requester, id);
        Optional<String> refusal = accessPolicy.downloadRefusal(requester, record);
        if (refusal.isPresent()) {
            throw new AsyncQueryException(ErrorCode.ACCESS_DENIED, refusal.get());
        }
        List<FileStatus> files = storage(() -> store.resultFiles(id));
        long length = 0;
        for (FileStatus file : files) {
            length += file.getLen();
        }
        FormatOptions options = record.formatOptions();
        return new ResultDownload(length, options.downloadFileName(), options.contentType(),
                options.format().isText(), "\"" + id + "-" + length + "\"", offset -> store.openResult(files, offset),
                () -> store.pinLocalFile(files, clock.millis()));
    }

    public String resultPath(Requester requester, QueryId id) {
        requireRecord(requester, id);
        return store.queryPath(id);
    }

    /**
     * Stops a running query without deleting it: it ends FAILED with "cancelled by" the requester. The server
     * running it, this one or another, stops its work at once or at its next heartbeat.
     */
    public void stop(Requester requester, QueryId id) {
        QueryRecord record = requireRecord(requester, id);
        Optional<QueryOutcome> outcome = storage(() -> states.outcome(record));
        if (outcome.isPresent()) {
            throw new AsyncQueryException(ErrorCode.QUERY_NOT_RUNNING, "Query " + id + " has already finished ("
                    + outcome.get().status() + "); there is nothing to stop.");
        }
        if (!outcomes.record(id, new QueryOutcome(QueryStatus.FAILED, "cancelled by " + requester.name(),
                clock.millis()))) {
            // The query finished (or was stopped by someone else) between the look above and this write.
            QueryOutcome first = storage(() -> states.outcome(record)).orElse(null);
            throw new AsyncQueryException(ErrorCode.QUERY_NOT_RUNNING, "Query " + id + " has already finished"
                    + (first == null ? "" : " (" + first.status() + ")") + "; there is nothing to stop.");
        }
        try {
            // Most work stops at its next row; wait a moment so the answer after a stop is usually final.
            executor.cancel(id, STOP_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Cancels the query if it is still running, then deletes its files. */
    public void delete(Requester requester, QueryId id) {
        requireRecord(requester, id);
        storage(() -> {
            remover.remove(id);
            return null;
        });
        quotas.invalidate();
    }

    /** Deletes every query's results for an administrator, and the requester's own for anyone else. */
    public void deleteAll(Requester requester) {
        List<QueryId> doomed = new ArrayList<>();
        for (QueryId id : storage(store::listQueryIds)) {
            Optional<QueryRecord> record = storage(() -> store.findRecord(id));
            boolean mine = record.isPresent() && accessPolicy.mayAccess(requester, record.get());
            if (mine || requester.isAdmin()) {
                doomed.add(id);
            }
        }
        storage(() -> {
            remover.removeAll(doomed);
            return null;
        });
        quotas.invalidate();
    }

    /**
     * Deletes the finished queries submitted before {@code cutoffMillis} that the requester may access. Queries
     * still running on a live server are kept.
     */
    public int deleteOlderThan(Requester requester, long cutoffMillis) {
        List<QueryId> doomed = new ArrayList<>();
        for (QuerySummary summary : storage(catalog::all)) {
            QueryRecord record = summary.record();
            if (summary.status() != QueryStatus.RUNNING && record.submittedAtMillis() < cutoffMillis
                    && accessPolicy.mayAccess(requester, record)) {
                doomed.add(record.queryId());
            }
        }
        storage(() -> {
            remover.removeAll(doomed);
            return null;
        });
        quotas.invalidate();
        return doomed.size();
    }

    /**
     * The queries the requester may see, newest first: their own, or everyone's for an administrator, optionally
     * only one project's or one user's.
     */
    public List<QuerySummary> list(Requester requester, String project, String user) {
        if (user != null && !requester.isAdmin() && !user.equals(requester.name())) {
            throw new AsyncQueryException(ErrorCode.ACCESS_DENIED, "User '" + requester.name()
                    + "' may list only their own queries; only an administrator may list another user's.");
        }
        List<QuerySummary> visible = new ArrayList<>();
        for (QuerySummary summary : storage(catalog::all)) {
            QueryRecord record = summary.record();
            if (accessPolicy.mayAccess(requester, record)
                    && (project == null || project.equalsIgnoreCase(record.project()))
                    && (user == null || user.equals(record.owner()))) {
                visible.add(summary);
            }
        }
        return visible;
    }

    private QueryRecord requireSuccessful(Requester requester, QueryId id) {
        QueryRecord record = requireRecord(requester, id);
        Optional<QueryOutcome> outcome = storage(() -> states.outcome(record));
        if (!outcome.isPresent()) {
            throw new AsyncQueryException(ErrorCode.QUERY_NOT_SUCCESSFUL,
                    "Query " + id + " is still running; its result is not ready yet.");
        }
        if (outcome.get().status() != QueryStatus.SUCCESSFUL) {
            throw new AsyncQueryException(ErrorCode.QUERY_NOT_SUCCESSFUL,
                    "Query " + id + " failed, so it has no result: " + outcome.get().info());
        }
        return record;
    }

    private QueryRecord requireRecord(Requester requester, QueryId id) {
        QueryRecord record = storage(() -> store.findRecord(id)).orElseThrow(
                () -> new AsyncQueryException(ErrorCode.QUERY_NOT_FOUND, "No query with ID " + id + " is known."));
        checkAccess(requester, record);
        return record;
    }

    private void checkAccess(Requester requester, QueryRecord record) {
        if (!accessPolicy.mayAccess(requester, record)) {
            throw new AsyncQueryException(ErrorCode.ACCESS_DENIED, "User '" + requester.name()
                    + "' may not access query " + record.queryId()
                    + ": only its submitter or an administrator may.");
        }
    }

    private QueryRecord newRecord(QueryId id, Requester requester, String project, SubmitRequest request) {
        return new QueryRecord(id, requester.name(), project, request.sql(), clock.millis(), nodeId,
                request.formatOptions());
    }

    /**
     * Runs a store call, turning an I/O failure into a refusal a person can read: a file gone missing means the
     * query was deleted while we looked (QUERY_NOT_FOUND); anything else is the storage's trouble.
     */
    private static <T> T storage(StoreCall<T> call) {
        try {
            return call.run();
        } catch (FileNotFoundException e) {
            throw new AsyncQueryException(ErrorCode.QUERY_NOT_FOUND, "The query was deleted.", e);
        } catch (IOException e) {
            throw new AsyncQueryException(ErrorCode.STORAGE_UNAVAILABLE,
                    "The result store could not be reached: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface StoreCall<T> {
        T run() throws IOException;
    }
}
