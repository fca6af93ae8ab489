package org.apache.kylin.rest.asyncquery.service;

import static java.util.Objects.requireNonNull;

import java.time.Clock;

import org.apache.kylin.rest.asyncquery.config.QueryLimits;
import org.apache.kylin.rest.asyncquery.engine.QueryEngine;
import org.apache.kylin.rest.asyncquery.engine.QuerySpec;
import org.apache.kylin.rest.asyncquery.format.ResultWriterFactory;
import org.apache.kylin.rest.asyncquery.store.ResultStore;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryRecord;

/** Makes the background job for an accepted query, with everything a job needs. */
public final class QueryJobFactory {
    private final QueryEngine engine;
    private final ResultStore store;
    private final ResultWriterFactory writers;
    private final OutcomeRecorder outcomes;
    private final QueryLimits limits;
    private final StorageGuard storage;
    private final UserQuotas quotas;
    private final Clock clock;

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

    /** @param quotaBytesLeft the result bytes the submitter may still keep, Long.MAX_VALUE without a cap */
    QueryJob create(LocalQuery query, QueryRecord record, QuerySpec spec, long quotaBytesLeft) {
        return new QueryJob(record, spec, engine, store, writers, outcomes, limits, quotaBytesLeft, query, storage,
                quotas, clock);
    }
}
