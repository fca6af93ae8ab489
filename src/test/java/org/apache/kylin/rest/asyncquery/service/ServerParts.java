package org.apache.kylin.rest.asyncquery.service;

import java.util.function.Consumer;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kylin.rest.asyncquery.store.NodeHeartbeats;
import org.apache.kylin.rest.asyncquery.store.ResultStore;
import org.apache.kylin.rest.asyncquery.testing.FakeClock;
import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryRecord;

/**
 * The parts with which one server keeps query state, as the wiring makes them, over a working directory that
 * several of these may share: a real store and real heartbeats on the given file system, a real executor, and
 * time from a {@link FakeClock}. Nothing here runs on a schedule; tests call the scheduled steps themselves.
 */
final class ServerParts implements AutoCloseable {
    static final long HEARTBEAT_TIMEOUT_MILLIS = 10_000;
    static final long HEARTBEAT_INTERVAL_MILLIS = 1_000;

    final String nodeId;
    final FakeClock clock;
    final ResultStore store;
    final NodeHeartbeats heartbeats;
    final QueryExecutor executor;
    final OutcomeRecorder outcomes;
    final QueryStates states;
    final ClusterHeartbeat heartbeat;

    ServerParts(FileSystem fs, Path workingDir, String nodeId, FakeClock clock) {
        this.nodeId = nodeId;
        this.clock = clock;
        this.store = new ResultStore(fs, workingDir);
        this.heartbeats = new NodeHeartbeats(fs, workingDir);
        this.executor = new QueryExecutor(1, 4, 8);
        this.outcomes = new OutcomeRecorder(store);
        this.states = new QueryStates(store, heartbeats, executor, outcomes, nodeId, HEARTBEAT_TIMEOUT_MILLIS, clock);
        this.heartbeat = new ClusterHeartbeat(store, heartbeats, executor, outcomes, states, nodeId,
                HEARTBEAT_INTERVAL_MILLIS, clock);
    }

    /** Records a query submitted now to the server {@code node}, as that server's submit does. */
    QueryRecord submittedTo(String node) {
        QueryRecord record = new QueryRecord(QueryId.random(), "ANALYST", "learn_kylin", "select 1", clock.millis(),
                node, FormatOptions.csvDefaults());
        store.create(record);
        return record;
    }

    /** A query submitted here whose place is taken but whose job has not been started yet: it is active here. */
    QueryRecord admittedHere() {
        return admit().record;
    }

    /** A query submitted here and started, running {@code work} (which sees its {@link LocalQuery}) as its job. */
    QueryRecord runningHere(Consumer<LocalQuery> work) {
        Admitted admitted = admit();
        LocalQuery query = admitted.admission.query();
        admitted.admission.start(token -> work.accept(query));
        return admitted.record;
    }

    private Admitted admit() {
        QueryRecord record = new QueryRecord(QueryId.random(), "ANALYST", "learn_kylin", "select 1", clock.millis(),
                nodeId, FormatOptions.csvDefaults());
        // As the submit does: the place first, so that nothing takes the recorded query for an orphan.
        QueryExecutor.Admission admission = executor.admit(record.queryId(), record.owner());
        store.create(record);
        return new Admitted(record, admission);
    }

    private static final class Admitted {
        final QueryRecord record;
        final QueryExecutor.Admission admission;

        Admitted(QueryRecord record, QueryExecutor.Admission admission) {
            this.record = record;
            this.admission = admission;
        }
    }

    @Override
    public void close() {
        heartbeat.close();
        executor.close();
    }
}
