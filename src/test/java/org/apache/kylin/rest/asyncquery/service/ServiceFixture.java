package org.apache.kylin.rest.asyncquery.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

import org.apache.commons.io.FileUtils;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.kylin.asyncquery.testing.Eventually;
import org.apache.kylin.rest.asyncquery.config.ExportPolicy;
import org.apache.kylin.rest.asyncquery.config.QueryLimits;
import org.apache.kylin.rest.asyncquery.config.UserQuota;
import org.apache.kylin.rest.asyncquery.format.ResultWriterFactory;
import org.apache.kylin.rest.asyncquery.metrics.AsyncQueryMetrics;
import org.apache.kylin.rest.asyncquery.security.CalciteSqlGrammar;
import org.apache.kylin.rest.asyncquery.security.ReadOnlyCheck;
import org.apache.kylin.rest.asyncquery.security.Requester;
import org.apache.kylin.rest.asyncquery.security.SecurityContextCarrier;
import org.apache.kylin.rest.asyncquery.store.NodeHeartbeats;
import org.apache.kylin.rest.asyncquery.store.QueryIndex;
import org.apache.kylin.rest.asyncquery.store.ResultStore;
import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryStatus;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The service classes wired as {@code AsyncQueryConfiguration} wires them, over a real local store in a temporary
 * folder, with the {@link ScriptedEngine} (FAKE) as the engine and "here" as this server's ID. A JUnit extension:
 * register it on a test's instance field and each test gets a fresh one, closed and removed after it.
 */
final class ServiceFixture implements BeforeEachCallback, AfterEachCallback {
    static final Requester ANALYST = new Requester("ANALYST", false);
    static final Requester MODELER = new Requester("MODELER", false);
    static final Requester ADMIN = new Requester("ADMIN", true);

    final ScriptedEngine engine = new ScriptedEngine();
    /** The meters the services record into, for tests of the metrics. */
    SimpleMeterRegistry meters;
    ResultStore store;
    NodeHeartbeats heartbeats;
    QueryExecutor executor;
    ReadOnlyCheck readOnly;
    QuerySubmitter submitter;
    QueryReader reader;
    QueryListing listing;
    QueryStopper stopper;
    QueryDeleter deleter;
    QueryStates states;

    /** The working directory, fresh for each test. */
    Path temp;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        temp = Files.createTempDirectory("service-fixture");
        Clock clock = Clock.systemUTC();
        org.apache.hadoop.fs.Path workingDir = new org.apache.hadoop.fs.Path(temp.toUri());
        FileSystem fs = FileSystem.getLocal(new Configuration());
        store = new ResultStore(fs, workingDir);
        heartbeats = new NodeHeartbeats(fs, workingDir);
        meters = new SimpleMeterRegistry();
        AsyncQueryMetrics metrics = new AsyncQueryMetrics(meters);
        executor = new QueryExecutor(2, 2, 4, 2, 0, id -> { }, metrics,
                DaemonThreads.named(QueryExecutor.THREAD_NAME_PREFIX));
        readOnly = new ReadOnlyCheck(CalciteSqlGrammar.calciteJdbcDefaults(), 1, 60_000);
        OutcomeRecorder outcomes = new OutcomeRecorder(store);
        states = new QueryStates(store, heartbeats, executor, outcomes, "here", 5_000, clock);
        QueryCatalog catalog = new QueryCatalog(store, states);
        UserQuotas quotas = new UserQuotas(catalog, UserQuota.unlimited(), clock);
        StorageGuard storageGuard = new StorageGuard(store, 0, clock);
        QueryJobFactory jobs = new QueryJobFactory(engine, store, new ResultWriterFactory(false), outcomes,
                new QueryLimits(4, 1 << 20, 1 << 16, 5, 1 << 20), storageGuard, quotas, clock);
        QueryAccess access = new QueryAccess(store, new AccessPolicy(ExportPolicy.permissive()));
        reader = new QueryReader(access, store, states, executor, new ProgressLookup(executor, store), clock,
                metrics);
        QueryIndex index = new QueryIndex(fs, workingDir, ResultStore.DEFAULT_FILE_PERMISSION);
        submitter = new QuerySubmitter(new SubmitChecks(readOnly, engine),
                new QueryLauncher(store, executor, jobs, new SecurityContextCarrier(), "here", clock, metrics),
                storageGuard, quotas, new ClientRequestKeys(index, store, clock),
                new ResultReuse(index, store, states, 0, clock), reader, new SubmitWaiter(executor, 4));
        listing = new QueryListing(catalog, access);
        stopper = new QueryStopper(access, states, outcomes, executor, clock);
        deleter = new QueryDeleter(access, store, catalog, new QueryRemover(store, executor), quotas);
    }

    /** Submits {@code select 'script' as script} to project DEFAULT, as CSV. */
    QueryId submit(Requester requester, String script) {
        return submit(requester, script, FormatOptions.csvDefaults());
    }

    QueryId submit(Requester requester, String script, FormatOptions options) {
        QueryState state = submitter.submit(requester, new SubmitRequest("select '" + script + "' as script",
                "DEFAULT", 0, 0, options));
        return QueryId.parse(state.queryId()).orElseThrow();
    }

    QueryState awaitDone(Requester requester, QueryId id) {
        return Eventually.await("query " + id + " to end", () -> reader.status(requester, id),
                state -> state.status() != QueryStatus.RUNNING);
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        executor.close();
        readOnly.close();
        FileUtils.deleteDirectory(temp.toFile());
    }
}
