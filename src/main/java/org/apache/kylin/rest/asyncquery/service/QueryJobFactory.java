package org.apache.kylin.rest.asyncquery.service;

import static java.util.Objects.requireNonNull;

import java.time.Clock;

import org.apache.kylin.rest.asyncquery.config.QueryLimits;
import org.apache.kylin.rest.asyncquery.engine.QueryEngine;
import org.apache.kylin.rest.asyncquery.engine.QuerySpec;
import org.apache.kylin.rest.asyncquery.format.ResultWriterFactory;
import org.apache.kylin.rest.asyncquery.store.ResultStore;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryRecord;

/**
 * Makes the background job for an accepted query. It holds, once, what every job shares; each job reads these
 * through its factory and takes only what is its own (the query, its record and spec, its quota).
 *
 * <p>Immutable.
 */
public final class QueryJobFactory {
    final QueryEngine engine;
    final ResultStore store;
    final ResultWriterFactory writers;
    final OutcomeRecorder outcomes;
    final QueryLimits limits;
    final StorageGuard storage;
    final UserQuotas quotas;
    final Clock clock;

    public QueryJobFactory(QueryEngine engine, ResultStore store, ResultWriterFactory writers,
            OutcomeRecorder outcomes, QueryLimits limits, StorageGuard storage, UserQuotas quotas, Clock clock) {
        this.engine = requireNonNull(engine, "engine is null");
        this.store = requireNonNull(store, "store is null");
        this.writers = requireNonNull(writers, "writers is null");
        this.outcomes = requireNonNull(outcomes, "outcomes is null");
        this.limits = requireNonNull(limits, "limits is null");
        this.storage = requireNonNull(storage, "storage is null");
        this.quotas = requireNonNull(quotas, "quotas is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * @param query the admitted query, whose progress the job reports
     * @param quotaBytesLeft the result bytes the submitter may still keep, Long.MAX_VALUE without a cap
     */
    QueryJob create(LocalQuery query, QueryRecord record, QuerySpec spec, long quotaBytesLeft) {
        return new QueryJob(this, query, record, spec, quotaBytesLeft);
    }
}
