package org.apache.kylin.rest.asyncquery.service;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

import org.apache.kylin.rest.asyncquery.engine.QuerySpec;
import org.apache.kylin.rest.asyncquery.security.Requester;
import org.apache.kylin.rest.asyncquery.vocabulary.ErrorCode;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryRecord;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryStatus;

/**
 * Accepts queries (or refuses them before anything is written), and names the projects to submit to. A submit
 * with a client request ID that names a kept query answers that query ({@link ClientRequestKeys}); with reuse on,
 * a submit equal to a recent SUCCESSFUL query of the same user answers that one ({@link ResultReuse}); either way,
 * with a wait, the answer comes when the query has finished or the time is up ({@link SubmitWaiter}).
 */
public final class QuerySubmitter {
    /** A key whose query keeps vanishing between looks is tried this often before the submit gives up. */
    private static final int KEY_ATTEMPTS = 3;

    private final SubmitChecks checks;
    private final QueryLauncher launcher;
    private final StorageGuard storageGuard;
    private final UserQuotas quotas;
    private final ClientRequestKeys keys;
    private final ResultReuse reuse;
    private final QueryReader reader;
    private final SubmitWaiter waiter;

    public QuerySubmitter(SubmitChecks checks, QueryLauncher launcher, StorageGuard storageGuard, UserQuotas quotas,
            ClientRequestKeys keys, ResultReuse reuse, QueryReader reader, SubmitWaiter waiter) {
        this.checks = requireNonNull(checks, "checks is null");
        this.launcher = requireNonNull(launcher, "launcher is null");
        this.storageGuard = requireNonNull(storageGuard, "storageGuard is null");
        this.quotas = requireNonNull(quotas, "quotas is null");
        this.keys = requireNonNull(keys, "keys is null");
        this.reuse = requireNonNull(reuse, "reuse is null");
        this.reader = requireNonNull(reader, "reader is null");
        this.waiter = requireNonNull(waiter, "waiter is null");
    }

    /**
     * Accepts a query and starts it in the background, or answers the query a retry or a reuse names. A query for
     * a project that does not exist is recorded as FAILED so that its ID still answers, and counts against the
     * user's quota like any other; a full server refuses with QUEUE_FULL, a user over their quota with USER_QUOTA,
     * a full file system with STORAGE_FULL, and none of them records anything or keeps the client request ID.
     *
     * @throws AsyncQueryException REQUEST_CONFLICT when the client request ID names a different request
     */
    public QueryState submit(Requester requester, SubmitRequest request) {
        // The read-only check first: it keeps no state, and it is the slow step, which must not run under a lock.
        Optional<QuerySpec> spec = checks.check(requester, request);
        Optional<String> key = request.clientRequestId();
        QueryState answer = key.isPresent()
                ? keys.serialized(requester.name(), key.get(),
                        () -> submitWithKey(requester, request, spec, key.get()))
                : submitWithoutKey(requester, request, spec);
        QueryId id = QueryId.parse(answer.queryId()).get();
        return waiter.await(answer, request.waitTimeoutSeconds() * 1000L, () -> reader.status(requester, id));
    }

    /** The projects the requester may submit to. */
    public List<String> projects() {
        return checks.projects();
    }

    private QueryState submitWithoutKey(Requester requester, SubmitRequest request, Optional<QuerySpec> spec) {
        Optional<QueryState> reused = reused(requester, request);
        if (reused.isPresent()) {
            return reused.get();
        }
        return submitNew(requester, request, spec, id -> { }).get();
    }

    /** Runs while no other submit with this user and key runs here; other servers are held off by the claim. */
    private QueryState submitWithKey(Requester requester, SubmitRequest request, Optional<QuerySpec> spec,
            String key) {
        String owner = requester.name();
        for (int attempt = 0; attempt < KEY_ATTEMPTS; attempt++) {
            Optional<QueryRecord> existing = keys.existing(owner, key, request);
            if (existing.isPresent()) {
                QueryState state = reader.status(requester, existing.get().queryId());
                if (state.status() != QueryStatus.MISSING) {
                    return state;
                }
                continue; // deleted since: the key is free again
            }
            Optional<QueryRecord> reusable = reuse.find(owner, request);
            if (reusable.isPresent()) {
                try {
                    keys.claim(owner, key, reusable.get().queryId());
                    return reader.status(requester, reusable.get().queryId());
                } catch (RequestKeyTakenException e) {
                    continue; // another submit named its own query: answer that one
                }
            }
            Optional<QueryState> started = submitNew(requester, request, spec, id -> keys.claim(owner, key, id));
            if (started.isPresent()) {
                return started.get();
            }
        }
        throw new AsyncQueryException(ErrorCode.INTERNAL_ERROR, "client_request_id '" + key + "' named queries that "
                + "were deleted as fast as they were found; try again.");
    }

    private Optional<QueryState> reused(Requester requester, SubmitRequest request) {
        Optional<QueryRecord> reusable = reuse.find(requester.name(), request);
        if (!reusable.isPresent()) {
            return Optional.empty();
        }
        QueryState state = reader.status(requester, reusable.get().queryId());
        return state.status() == QueryStatus.MISSING ? Optional.empty() : Optional.of(state);
    }

    /**
     * Starts a new query; empty when {@code claim} found its client request ID taken by another submit meanwhile,
     * in which case nothing of the new query is kept.
     */
    private Optional<QueryState> submitNew(Requester requester, SubmitRequest request, Optional<QuerySpec> spec,
            Claim claim) {
        QueryId id = QueryId.random();
        storageGuard.requireRoom();
        long quotaBytesLeft = quotas.admit(requester.name());
        try {
            if (!spec.isPresent()) {
                String reason = "Project '" + request.project() + "' does not exist;";
                launcher.recordFailed(launcher.newRecord(id, requester.name(), request.project(), request), reason,
                        () -> claim.claim(id));
                return Optional.of(new QueryState(id.toString(), QueryStatus.FAILED, reason));
            }
            QueryRecord record = launcher.newRecord(id, requester.name(), spec.get().project(), request);
            launcher.start(record, spec.get(), quotaBytesLeft, () -> claim.claim(id));
            reuse.remember(record);
            return Optional.of(QueryState.running(id));
        } catch (RequestKeyTakenException e) {
            quotas.notKept(requester.name());
            return Optional.empty();
        } catch (RuntimeException e) {
            // Refused after all (queue, user limit, storage): it keeps nothing, so it must not count.
            quotas.notKept(requester.name());
            releaseQuietly(requester, request, id, e);
            throw e;
        }
    }

    /** Frees the client request ID if it named the refused query; a failure here must not hide the refusal. */
    private void releaseQuietly(Requester requester, SubmitRequest request, QueryId id, RuntimeException refusal) {
        if (request.clientRequestId().isPresent()) {
            try {
                keys.release(requester.name(), request.clientRequestId().get(), id);
            } catch (RuntimeException e) {
                refusal.addSuppressed(e);
            }
        }
    }

    /** The last step before a new query starts: claiming its client request ID, if it has one. */
    private interface Claim {
        /** @throws RequestKeyTakenException another submit holds the ID */
        void claim(QueryId id);
    }
}
