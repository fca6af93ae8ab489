package org.apache.kylin.rest.asyncquery.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Types;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.kylin.rest.asyncquery.config.ExportPolicy;
import org.apache.kylin.rest.asyncquery.config.QueryLimits;
import org.apache.kylin.rest.asyncquery.config.UserQuota;
import org.apache.kylin.rest.asyncquery.engine.QueryCancelledException;
import org.apache.kylin.rest.asyncquery.engine.QueryEngine;
import org.apache.kylin.rest.asyncquery.engine.QueryExecutionException;
import org.apache.kylin.rest.asyncquery.engine.QuerySpec;
import org.apache.kylin.rest.asyncquery.engine.RowSink;
import org.apache.kylin.rest.asyncquery.format.ResultWriterFactory;
import org.apache.kylin.rest.asyncquery.security.CalciteSqlGrammar;
import org.apache.kylin.rest.asyncquery.security.ReadOnlyCheck;
import org.apache.kylin.rest.asyncquery.security.Requester;
import org.apache.kylin.rest.asyncquery.security.SecurityContextCarrier;
import org.apache.kylin.rest.asyncquery.store.NodeHeartbeats;
import org.apache.kylin.rest.asyncquery.store.ResultStore;
import org.apache.kylin.rest.asyncquery.vocabulary.CancellationToken;
import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;
import org.apache.kylin.rest.asyncquery.vocabulary.ErrorCode;
import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryOutcome;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryRecord;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service's lifecycle rules with a scripted engine (a test double standing in for Calcite or Kylin: its SQL is
 * a script name) over a real local store. The real engines are driven end to end in the e2e tests.
 */
class AsyncQueryServiceTest {
    private static final Requester ANALYST = new Requester("ANALYST", false);
    private static final Requester MODELER = new Requester("MODELER", false);
    private static final Requester ADMIN = new Requester("ADMIN", true);

    @TempDir
    Path temp;
    ResultStore store;
    NodeHeartbeats heartbeats;
    QueryExecutor executor;
    ReadOnlyCheck readOnly;
    AsyncQueryService service;
    final CountDownLatch release = new CountDownLatch(1);
    final ScriptedEngine engine = new ScriptedEngine();

    @BeforeEach
    void setUp() throws IOException {
        org.apache.hadoop.fs.Path workingDir = new org.apache.hadoop.fs.Path(temp.toUri());
        FileSystem fs = FileSystem.getLocal(new Configuration());
        store = new ResultStore(fs, workingDir);
        heartbeats = new NodeHeartbeats(fs, workingDir);
        executor = new QueryExecutor(2, 2, 4);
        OutcomeRecorder outcomes = new OutcomeRecorder(store);
        QueryStates states = new QueryStates(store, heartbeats, executor, outcomes, "here", 5_000, Clock.systemUTC());
        QueryCatalog catalog = new QueryCatalog(store, states);
        UserQuotas quotas = new UserQuotas(catalog, UserQuota.unlimited(), Clock.systemUTC());
        QueryJobFactory jobs = new QueryJobFactory(engine, store, new ResultWriterFactory(false), outcomes,
                new QueryLimits(4, 1 << 20, 1 << 16, 5, 1 << 20), new StorageGuard(store, 0, Clock.systemUTC()),
                quotas, Clock.systemUTC());
        readOnly = new ReadOnlyCheck(CalciteSqlGrammar.calciteJdbcDefaults(), 1, 60_000);
        service = new AsyncQueryService(engine, readOnly, store, executor, states, catalog,
                new QueryRemover(store, executor), outcomes, jobs, new ProgressLookup(executor, store),
                new AccessPolicy(ExportPolicy.permissive()),
                new SecurityContextCarrier(), quotas,
                new StorageGuard(store, 0, Clock.systemUTC()), "here", Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        release.countDown();
        executor.close();
        readOnly.close();
    }

    @Test
    void aQueryRunsToSuccessAndItsResultIsServed() throws Exception {
        QueryId id = submit(ANALYST, "two-rows");
        assertThat(awaitDone(ANALYST, id).status()).isEqualTo(QueryStatus.SUCCESSFUL);
        assertThat(service.metadata(ANALYST, id)).extracting(ColumnMeta::name).containsExactly("N");
        try (var in = service.download(ANALYST, id).open()) {
            assertThat(new String(in.readAllBytes())).isEqualTo("1\r\n2\r\n");
        }
        assertThat(service.resultSize(ANALYST, id)).isEqualTo(6);
    }

    @Test
    void anEngineFailureFailsTheQueryWithItsReason() throws Exception {
        QueryId id = submit(ANALYST, "fail");
        QueryState done = awaitDone(ANALYST, id);
        assertThat(done.status()).isEqualTo(QueryStatus.FAILED);
        assertThat(done.info()).isEqualTo("Table 'NOPE' not found");
    }

    @Test
    void anErrorInsideTheEngineFailsTheQueryWithoutClassNamesAndKeepsThePoolsThreads() throws Exception {
        for (int i = 0; i < 6; i++) {
            QueryState done = awaitDone(ANALYST, submit(ANALYST, "linkage-error"));
            assertThat(done.status()).isEqualTo(QueryStatus.FAILED);
            assertThat(done.info()).isEqualTo(QueryJob.INTERNAL_ERROR_INFO);
        }
        assertThat(awaitDone(ANALYST, submit(ANALYST, "two-rows")).status()).isEqualTo(QueryStatus.SUCCESSFUL);
        // The pool has 2 threads: had an Error ended one, its replacement would have run a later query.
        assertThat(engine.threads).hasSizeLessThanOrEqualTo(2).allMatch(Thread::isAlive);
    }

    @Test
    void aWriteFailureMidStreamLeavesNoResultFileBehind() throws Exception {
        QueryId id = submit(ANALYST, "sink-fails");
        assertThat(awaitDone(ANALYST, id).info()).startsWith("The result could not be written:");
        try (var files = Files.list(temp.resolve("async_query_result").resolve(id.toString()))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .noneMatch(name -> name.startsWith("_writing") || name.equals("result.csv"));
        }
    }

    @Test
    void anExportPastTheRowLimitFailsInsteadOfBeingTruncated() throws Exception {
        QueryId id = submit(ANALYST, "ten-rows");
        QueryState done = awaitDone(ANALYST, id);
        assertThat(done.status()).isEqualTo(QueryStatus.FAILED);
        assertThat(done.info()).startsWith("The result exceeds kylin.query.async.max-result-rows (5 rows)");
        try (var files = Files.list(temp.resolve("async_query_result").resolve(id.toString()))) {
            assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("result.csv");
        }
    }

    @Test
    void onlyTheOwnerOrAnAdministratorMayAccessAQuery() throws Exception {
        QueryId id = submit(ANALYST, "two-rows");
        awaitDone(ANALYST, id);
        assertThatThrownBy(() -> service.status(MODELER, id)).isInstanceOf(AsyncQueryException.class)
                .extracting(e -> ((AsyncQueryException) e).code()).isEqualTo(ErrorCode.ACCESS_DENIED);
        assertThatThrownBy(() -> service.delete(MODELER, id)).isInstanceOf(AsyncQueryException.class);
        assertThat(service.status(ADMIN, id).status()).isEqualTo(QueryStatus.SUCCESSFUL);
        assertThat(service.list(MODELER, null, null)).isEmpty();
        assertThat(service.list(ADMIN, null, "ANALYST")).hasSize(1);
    }

    @Test
    void stopFailsARunningQueryAsCancelledByTheCaller() throws Exception {
        QueryId id = submit(ANALYST, "blocks");
        assertThat(service.status(ANALYST, id).status()).isEqualTo(QueryStatus.RUNNING);
        service.stop(ADMIN, id);
        QueryState state = service.status(ANALYST, id);
        assertThat(state.status()).isEqualTo(QueryStatus.FAILED);
        assertThat(state.info()).isEqualTo("cancelled by ADMIN");
        assertThatThrownBy(() -> service.stop(ADMIN, id)).extracting(e -> ((AsyncQueryException) e).code())
                .isEqualTo(ErrorCode.QUERY_NOT_RUNNING);
    }

    @Test
    void anUnfinishedQueryOfAServerWithoutAHeartbeatIsFailedNamingIt() throws Exception {
        QueryId id = QueryId.random();
        store.create(new QueryRecord(id, "ANALYST", "DEFAULT", "x", System.currentTimeMillis() - 60_000, "gone",
                FormatOptions.csvDefaults()));
        heartbeats.beat("gone", System.currentTimeMillis() - 30_000);
        QueryState state = service.status(ANALYST, id);
        assertThat(state.status()).isEqualTo(QueryStatus.FAILED);
        assertThat(state.info()).contains("'gone'").contains("no heartbeat for 30 s");
        assertThat(store.findOutcome(id)).map(QueryOutcome::status).contains(QueryStatus.FAILED);
    }

    @Test
    void anUnfinishedQueryOfALiveServerIsStillRunning() throws Exception {
        QueryId id = QueryId.random();
        store.create(new QueryRecord(id, "ANALYST", "DEFAULT", "x", System.currentTimeMillis(), "alive",
                FormatOptions.csvDefaults()));
        heartbeats.beat("alive", System.currentTimeMillis());
        assertThat(service.status(ANALYST, id).status()).isEqualTo(QueryStatus.RUNNING);
    }

    @Test
    void anUnknownProjectIsRecordedFailedAndAnUnknownIdIsMissing() {
        QueryState state = service.submit(ANALYST, new SubmitRequest("select 1", "XXX", 0, 0,
                FormatOptions.csvDefaults()));
        assertThat(state.info()).isEqualTo("Project 'XXX' does not exist;");
        assertThat(service.status(ANALYST, QueryId.parse(state.queryId()).orElseThrow()).status())
                .isEqualTo(QueryStatus.FAILED);
        assertThat(service.status(ANALYST, QueryId.random()).status()).isEqualTo(QueryStatus.MISSING);
    }

    private QueryId submit(Requester requester, String script) {
        QueryState state = service.submit(requester, new SubmitRequest("select '" + script + "' as script", "DEFAULT",
                0, 0, FormatOptions.csvDefaults()));
        return QueryId.parse(state.queryId()).orElseThrow();
    }

    private QueryState awaitDone(Requester requester, QueryId id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        QueryState state = service.status(requester, id);
        while (state.status() == QueryStatus.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(10);
            state = service.status(requester, id);
        }
        return state;
    }

    /** Test double: the SQL, {@code select 'name' as script}, names a script. */
    private final class ScriptedEngine implements QueryEngine {
        @Override
        public Optional<String> resolveProject(String requestedName) {
            return "DEFAULT".equalsIgnoreCase(requestedName) ? Optional.of("DEFAULT") : Optional.empty();
        }

        final Set<Thread> threads = ConcurrentHashMap.newKeySet();

        @Override
        public void execute(QuerySpec spec, RowSink sink, CancellationToken cancellation) throws IOException {
            threads.add(Thread.currentThread());
            String script = spec.sql().replaceAll("^select '([^']*)'.*$", "$1");
            switch (script) {
                case "fail":
                    throw new QueryExecutionException("Table 'NOPE' not found", null);
                case "linkage-error":
                    throw new NoClassDefFoundError("Could not initialize class Baz");
                case "blocks":
                    CountDownLatch cancelled = new CountDownLatch(1);
                    cancellation.onCancel(cancelled::countDown);
                    try {
                        cancelled.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new QueryCancelledException();
                case "ten-rows":
                    sink.start(List.of(new ColumnMeta("N", "INTEGER", Types.INTEGER, 10, 0)));
                    for (int i = 0; i < 10; i++) {
                        sink.row(new Object[] {i});
                    }
                    return;
                default:
                    sink.start(List.of(new ColumnMeta("N", "INTEGER", Types.INTEGER, 10, 0)));
                    sink.row(new Object[] {1});
                    if (script.equals("sink-fails")) {
                        throw new IOException("disk full");
                    }
                    sink.row(new Object[] {2});
            }
        }
    }
}
