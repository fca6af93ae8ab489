package org.apache.kylin.rest.asyncquery.service;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.apache.kylin.rest.asyncquery.engine.QuerySpec;
import org.apache.kylin.rest.asyncquery.security.Requester;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryRecord;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryStatus;

/** Accepts queries (or refuses them before anything is written), and names the projects to submit to. */
public final class QuerySubmitter {
    private final SubmitChecks checks;
    private final QueryLauncher launcher;
    private final StorageGuard storageGuard;
    private final UserQuotas quotas;
    private final String nodeId;
    private final Clock clock;

    /** @param nodeId this server's ID, written into each record so that others know whose query it is */
    public QuerySubmitter(SubmitChecks checks, QueryLauncher launcher, StorageGuard storageGuard, UserQuotas quotas,
            String nodeId, Clock clock) {
        this.checks = requireNonNull(checks, "checks is null");
        this.launcher = requireNonNull(launcher, "launcher is null");
        this.storageGuard = requireNonNull(storageGuard, "storageGuard is null");
        this.quotas = requireNonNull(quotas, "quotas is null");
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
        Optional<QuerySpec> spec = checks.check(requester, request);
        QueryId id = QueryId.random();
        storageGuard.requireRoom();
        long quotaBytesLeft = quotas.admit(requester.name());
        try {
            if (!spec.isPresent()) {
                String reason = "Project '" + request.project() + "' does not exist;";
                launcher.recordFailed(newRecord(id, requester, request.project(), request), reason);
                return new QueryState(id.toString(), QueryStatus.FAILED, reason);
            }
            launcher.start(newRecord(id, requester, spec.get().project(), request), spec.get(), quotaBytesLeft);
            return QueryState.running(id);
        } catch (RuntimeException e) {
            // Refused after all (queue, user limit, storage): it keeps nothing, so it must not count.
            quotas.notKept(requester.name());
            throw e;
        }
    }

    /** The projects the requester may submit to. */
    public List<String> projects() {
        return checks.projects();
    }

    private QueryRecord newRecord(QueryId id, Requester requester, String project, SubmitRequest request) {
        return new QueryRecord(id, requester.name(), project, request.sql(), clock.millis(), nodeId,
                request.formatOptions());
    }
}
