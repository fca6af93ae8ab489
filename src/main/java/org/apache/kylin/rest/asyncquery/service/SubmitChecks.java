package org.apache.kylin.rest.asyncquery.service;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

import org.apache.kylin.rest.asyncquery.engine.PagingClauses;
import org.apache.kylin.rest.asyncquery.engine.ProjectAccessDeniedException;
import org.apache.kylin.rest.asyncquery.engine.QueryEngine;
import org.apache.kylin.rest.asyncquery.engine.QuerySpec;
import org.apache.kylin.rest.asyncquery.security.ReadOnlyCheck;
import org.apache.kylin.rest.asyncquery.security.Requester;
import org.apache.kylin.rest.asyncquery.security.SqlCheckBusyException;
import org.apache.kylin.rest.asyncquery.security.SqlVerdict;
import org.apache.kylin.rest.asyncquery.vocabulary.ErrorCode;

/**
 * What a submit must pass before anything is written for it: the SQL is exactly one read-only query (the read-only
 * check's one parse, which also finds the SQL's own paging), and the project, if it exists, is one the requester
 * may query. Its answer is what the engine will run.
 */
public final class SubmitChecks {
    private final ReadOnlyCheck readOnly;
    private final QueryEngine engine;

    public SubmitChecks(ReadOnlyCheck readOnly, QueryEngine engine) {
        this.readOnly = requireNonNull(readOnly, "readOnly is null");
        this.engine = requireNonNull(engine, "engine is null");
    }

    /**
     * The query to run, or empty when the project does not exist (such a query is recorded as FAILED, not refused).
     *
     * @throws AsyncQueryException SQL_NOT_ALLOWED, SQL_CHECK_BUSY, or ACCESS_DENIED for a project the requester may
     *         not query
     */
    Optional<QuerySpec> check(Requester requester, SubmitRequest request) {
        SqlVerdict verdict = readOnlyVerdict(request.sql(), requester);
        Optional<String> project = engine.resolveProject(request.project());
        if (!project.isPresent()) {
            return Optional.empty();
        }
        authorize(requester, project.get());
        return Optional.of(new QuerySpec(requester.name(), project.get(), verdict.statement(), request.offset(),
                request.limit(), PagingClauses.of(verdict.ownLimit(), verdict.ownOffset(),
                        verdict.offsetInsertionPoint())));
    }

    /** The projects there are to submit to, for pickers. */
    List<String> projects() {
        return engine.projects();
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

    private void authorize(Requester requester, String project) {
        try {
            engine.authorize(requester.name(), project);
        } catch (ProjectAccessDeniedException e) {
            throw new AsyncQueryException(ErrorCode.ACCESS_DENIED, e.getMessage(), e);
        }
    }
}
