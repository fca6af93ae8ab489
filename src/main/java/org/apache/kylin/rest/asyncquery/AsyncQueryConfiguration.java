package org.apache.kylin.rest.asyncquery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kylin.rest.asyncquery.config.AsyncQueryConfig;
import org.apache.kylin.rest.asyncquery.config.ConfigKey;
import org.apache.kylin.rest.asyncquery.engine.QueryEngine;
import org.apache.kylin.rest.asyncquery.format.ResultWriterFactory;
import org.apache.kylin.rest.asyncquery.metrics.AsyncQueryMetrics;
import org.apache.kylin.rest.asyncquery.security.CurrentRequester;
import org.apache.kylin.rest.asyncquery.security.DownloadLinkSigner;
import org.apache.kylin.rest.asyncquery.security.JSqlParserGrammar;
import org.apache.kylin.rest.asyncquery.security.ReadOnlyCheck;
import org.apache.kylin.rest.asyncquery.security.SecurityContextCarrier;
import org.apache.kylin.rest.asyncquery.security.SqlGrammar;
import org.apache.kylin.rest.asyncquery.service.AccessPolicy;
import org.apache.kylin.rest.asyncquery.service.ClientRequestKeys;
import org.apache.kylin.rest.asyncquery.service.ClusterHeartbeat;
import org.apache.kylin.rest.asyncquery.service.DownloadLinks;
import org.apache.kylin.rest.asyncquery.service.OutcomeRecorder;
import org.apache.kylin.rest.asyncquery.service.ProgressLookup;
import org.apache.kylin.rest.asyncquery.service.QueryAccess;
import org.apache.kylin.rest.asyncquery.service.QueryCatalog;
import org.apache.kylin.rest.asyncquery.service.QueryDeleter;
import org.apache.kylin.rest.asyncquery.service.LowPriorityThreads;
import org.apache.kylin.rest.asyncquery.service.QueryExecutor;
import org.apache.kylin.rest.asyncquery.service.QueryJobFactory;
import org.apache.kylin.rest.asyncquery.service.QueryLauncher;
import org.apache.kylin.rest.asyncquery.service.QueryListing;
import org.apache.kylin.rest.asyncquery.service.QueryReader;
import org.apache.kylin.rest.asyncquery.service.QueryRemover;
import org.apache.kylin.rest.asyncquery.service.QueryStates;
import org.apache.kylin.rest.asyncquery.service.QueryStopper;
import org.apache.kylin.rest.asyncquery.service.QuerySubmitter;
import org.apache.kylin.rest.asyncquery.service.ResultCleaner;
import org.apache.kylin.rest.asyncquery.service.ResultReuse;
import org.apache.kylin.rest.asyncquery.service.RetentionPolicy;
import org.apache.kylin.rest.asyncquery.service.StorageGuard;
import org.apache.kylin.rest.asyncquery.service.SubmitChecks;
import org.apache.kylin.rest.asyncquery.service.SubmitWaiter;
import org.apache.kylin.rest.asyncquery.service.UserQuotas;
import org.apache.kylin.rest.asyncquery.store.DownloadLinkKeyFile;
import org.apache.kylin.rest.asyncquery.store.NodeHeartbeats;
import org.apache.kylin.rest.asyncquery.store.QueryIndex;
import org.apache.kylin.rest.asyncquery.store.ResultStore;
import org.apache.kylin.rest.asyncquery.vocabulary.ErrorCode;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryOutcome;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;

/**
 * Wires the parts that are the same everywhere. What runs in the background (the heartbeat, which first fails this
 * server's orphans; the cleaner; the read-only check's warm-up) starts only while {@link ConfigKey#ENABLED} is on:
 * with the switch off the beans are made but never used, no thread starts and nothing is written. The environment
 * (a Kylin host, or the standalone server) supplies three beans: the {@link AsyncQueryConfig} with its working
 * directory set, the {@link QueryEngine}, and the Hadoop {@link Configuration} for the working directory's file
 * system, named {@value #HADOOP_CONF}; where its engine has a SQL grammar of its own, a {@link SqlGrammar} for the
 * read-only check (without one, JSqlParser's grammar of common SQL decides); and where it publishes metrics, a
 * Micrometer registry named {@value #METER_REGISTRY}. Every collaborator is a bean made here, the {@link Clock} too: one
 * clock, injected wherever time is read.
 */
@org.springframework.context.annotation.Configuration
public class AsyncQueryConfiguration {
    /** The environment's Hadoop configuration bean, by name: a host may define other Configuration beans. */
    public static final String HADOOP_CONF = "asyncQueryHadoopConf";
    /**
     * The environment's Micrometer registry, by name (the standalone server's Prometheus registry, a Kylin host's
     * JMX one); without one the meters are kept in memory only.
     */
    public static final String METER_REGISTRY = "asyncQueryMeterRegistry";
    /** The plugin's clock, by name: a host may define a Clock of its own. */
    public static final String CLOCK = "asyncQueryClock";
    private static final Logger LOG = LoggerFactory.getLogger(AsyncQueryConfiguration.class);

    /** Every time the plugin reads comes from this one clock. */
    @Bean(name = CLOCK)
    public Clock asyncQueryClock() {
        return Clock.systemUTC();
    }

    @Bean
    public ResultStore asyncQueryResultStore(AsyncQueryConfig config,
            @Qualifier(HADOOP_CONF) Configuration hadoopConf) throws IOException {
        return new ResultStore(fileSystem(config, hadoopConf), new Path(config.workingDir()),
                config.filePermission());
    }

    @Bean
    public NodeHeartbeats asyncQueryNodeHeartbeats(AsyncQueryConfig config,
            @Qualifier(HADOOP_CONF) Configuration hadoopConf) throws IOException {
        return new NodeHeartbeats(fileSystem(config, hadoopConf), new Path(config.workingDir()),
                config.filePermission());
    }

    @Bean
    public AsyncQueryMetrics asyncQueryMetrics(@Qualifier(METER_REGISTRY) ObjectProvider<MeterRegistry> registry) {
        return new AsyncQueryMetrics(registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean(destroyMethod = "close")
    public QueryExecutor asyncQueryExecutor(AsyncQueryConfig config, OutcomeRecorder outcomes,
            AsyncQueryMetrics metrics, @Qualifier(CLOCK) Clock clock) {
        long maxRunMillis = config.maxRunMillis();
        String overrun = QueryExecutor.overrunReason(maxRunMillis);
        QueryExecutor executor = new QueryExecutor(config.threads(), config.queueSize(),
                config.limits().maxQueriesPerUser(), config.maxRunningPerUser(), maxRunMillis,
                id -> outcomes.record(id, new QueryOutcome(QueryStatus.FAILED, overrun, clock.millis())), metrics,
                new LowPriorityThreads(QueryExecutor.THREAD_NAME_PREFIX, config.exportNice()));
        metrics.watchQueue(executor::queuedCount, executor::runningCount);
        return executor;
    }

    @Bean
    public StorageGuard asyncQueryStorageGuard(ResultStore store, AsyncQueryConfig config,
            @Qualifier(CLOCK) Clock clock) {
        return new StorageGuard(store, config.minFreePercent(), clock);
    }

    @Bean
    public UserQuotas asyncQueryUserQuotas(QueryCatalog catalog, AsyncQueryConfig config,
            @Qualifier(CLOCK) Clock clock) {
        return new UserQuotas(catalog, config.userQuota(), clock);
    }

    @Bean
    public OutcomeRecorder asyncQueryOutcomes(ResultStore store) {
        return new OutcomeRecorder(store);
    }

    @Bean
    public ProgressLookup asyncQueryProgress(QueryExecutor executor, ResultStore store) {
        return new ProgressLookup(executor, store);
    }

    @Bean
    public QueryStates asyncQueryStates(ResultStore store, NodeHeartbeats heartbeats, QueryExecutor executor,
            OutcomeRecorder outcomes, AsyncQueryConfig config, @Qualifier(CLOCK) Clock clock) {
        return new QueryStates(store, heartbeats, executor, outcomes, config.nodeId(),
                config.heartbeatTimeoutMillis(), clock);
    }

    @Bean
    public QueryCatalog asyncQueryCatalog(ResultStore store, QueryStates states) {
        return new QueryCatalog(store, states);
    }

    @Bean
    public QueryRemover asyncQueryRemover(ResultStore store, QueryExecutor executor) {
        return new QueryRemover(store, executor);
    }

    @Bean(destroyMethod = "close")
    public ClusterHeartbeat asyncQueryHeartbeat(ResultStore store, NodeHeartbeats heartbeats, QueryExecutor executor,
            OutcomeRecorder outcomes, QueryStates states, AsyncQueryConfig config, @Qualifier(CLOCK) Clock clock) {
        ClusterHeartbeat heartbeat = new ClusterHeartbeat(store, heartbeats, executor, outcomes, states,
                config.nodeId(), config.heartbeatIntervalMillis(), clock);
        if (config.enabled()) {
            heartbeat.start();
        }
        return heartbeat;
    }

    @Bean
    public RetentionPolicy asyncQueryRetentionPolicy(AsyncQueryConfig config) {
        return new RetentionPolicy(config.retainMillis(), config.maxResults(), config.maxTotalBytes());
    }

    @Bean(destroyMethod = "close")
    public ResultCleaner asyncQueryCleaner(QueryCatalog catalog, QueryRemover remover, ResultStore store,
            RetentionPolicy retention, ClientRequestKeys keys, ResultReuse reuse, AsyncQueryConfig config,
            AsyncQueryMetrics metrics, @Qualifier(CLOCK) Clock clock) {
        ResultCleaner cleaner = new ResultCleaner(catalog, remover, store::pinnedOrphanBytes, retention,
                config.cleanerIntervalMillis(), clock, metrics, () -> {
                    keys.sweep();
                    reuse.sweep();
                });
        if (config.enabled()) {
            cleaner.start();
        }
        return cleaner;
    }

    @Bean
    public QueryIndex asyncQueryIndex(AsyncQueryConfig config, @Qualifier(HADOOP_CONF) Configuration hadoopConf)
            throws IOException {
        return new QueryIndex(fileSystem(config, hadoopConf), new Path(config.workingDir()), config.filePermission());
    }

    @Bean
    public ClientRequestKeys asyncQueryClientRequestKeys(QueryIndex index, ResultStore store,
            @Qualifier(CLOCK) Clock clock) {
        return new ClientRequestKeys(index, store, clock);
    }

    @Bean
    public ResultReuse asyncQueryResultReuse(QueryIndex index, ResultStore store, QueryStates states,
            AsyncQueryConfig config, @Qualifier(CLOCK) Clock clock) {
        return new ResultReuse(index, store, states, config.reuseMillis(), clock);
    }

    @Bean(destroyMethod = "close")
    public SubmitWaiter asyncQuerySubmitWaiter(QueryExecutor executor, AsyncQueryConfig config) {
        return new SubmitWaiter(executor, config.maxWaitingSubmits());
    }

    @Bean(destroyMethod = "close")
    public ReadOnlyCheck asyncQueryReadOnlyCheck(ObjectProvider<SqlGrammar> grammar, AsyncQueryConfig config) {
        ReadOnlyCheck check = new ReadOnlyCheck(grammar.getIfAvailable(JSqlParserGrammar::new),
                config.sqlCheckThreads(), config.sqlCheckTimeoutMillis());
        if (!config.enabled()) {
            LOG.info("Async query export is disabled ({}=false): its endpoints answer {}, and nothing runs",
                    ConfigKey.ENABLED.key(), ErrorCode.ASYNC_QUERY_DISABLED);
            return check;
        }
        LOG.info("Async queries: the read-only check reads SQL with {}", check.grammarName());
        check.warmUp();
        return check;
    }

    @Bean
    public CurrentRequester asyncQueryCurrentRequester() {
        return new CurrentRequester();
    }

    @Bean
    public SecurityContextCarrier asyncQuerySecurityContexts() {
        return new SecurityContextCarrier();
    }

    @Bean
    public AccessPolicy asyncQueryAccessPolicy(AsyncQueryConfig config) {
        return new AccessPolicy(config.exportPolicy());
    }

    @Bean
    public QueryAccess asyncQueryAccess(ResultStore store, AccessPolicy policy) {
        return new QueryAccess(store, policy);
    }

    @Bean
    public ResultWriterFactory asyncQueryResultWriters(AsyncQueryConfig config) {
        return new ResultWriterFactory(config.exportPolicy().escapeFormulas(), config.writerThread());
    }

    @Bean
    public QueryJobFactory asyncQueryJobs(QueryEngine engine, ResultStore store, ResultWriterFactory writers,
            OutcomeRecorder outcomes, StorageGuard storageGuard, UserQuotas quotas, AsyncQueryConfig config,
            @Qualifier(CLOCK) Clock clock) {
        return new QueryJobFactory(engine, store, writers, outcomes, config.limits(), storageGuard, quotas, clock);
    }

    @Bean
    public SubmitChecks asyncQuerySubmitChecks(ReadOnlyCheck readOnly, QueryEngine engine) {
        return new SubmitChecks(readOnly, engine);
    }

    @Bean
    public QueryLauncher asyncQueryLauncher(ResultStore store, QueryExecutor executor, QueryJobFactory jobs,
            SecurityContextCarrier securityContexts, AsyncQueryConfig config, AsyncQueryMetrics metrics,
            @Qualifier(CLOCK) Clock clock) {
        return new QueryLauncher(store, executor, jobs, securityContexts, config.nodeId(), clock, metrics);
    }

    @Bean
    public QuerySubmitter asyncQuerySubmitter(SubmitChecks checks, QueryLauncher launcher, StorageGuard storageGuard,
            UserQuotas quotas, ClientRequestKeys keys, ResultReuse reuse, QueryReader reader, SubmitWaiter waiter) {
        return new QuerySubmitter(checks, launcher, storageGuard, quotas, keys, reuse, reader, waiter);
    }

    @Bean
    public QueryReader asyncQueryReader(QueryAccess access, ResultStore store, QueryStates states,
            QueryExecutor executor, ProgressLookup progress, AsyncQueryMetrics metrics, @Qualifier(CLOCK) Clock clock) {
        return new QueryReader(access, store, states, executor, progress, clock, metrics);
    }

    /**
     * The download links' signer, with the configured key, or else the working directory's key file (made by the
     * first server to need it): either way the same key on every server sharing the working directory.
     */
    @Bean
    public DownloadLinkSigner asyncQueryLinkSigner(AsyncQueryConfig config,
            @Qualifier(HADOOP_CONF) Configuration hadoopConf) throws IOException {
        if (config.downloadLinkKey().isPresent()) {
            LOG.info("Async queries: download links are signed with {}", ConfigKey.DOWNLOAD_LINK_KEY.key());
            return new DownloadLinkSigner(config.downloadLinkKey().get().getBytes(StandardCharsets.UTF_8));
        }
        if (!config.enabled()) {
            // Switched off, no link is issued or opened, and nothing may be written: a key of this process serves.
            byte[] unused = new byte[32];
            new SecureRandom().nextBytes(unused);
            return new DownloadLinkSigner(unused);
        }
        DownloadLinkKeyFile keyFile = new DownloadLinkKeyFile(fileSystem(config, hadoopConf),
                new Path(config.workingDir()));
        DownloadLinkSigner signer = new DownloadLinkSigner(keyFile.readOrCreate());
        LOG.info("Async queries: download links are signed with the key in {}", keyFile.location());
        return signer;
    }

    @Bean
    public DownloadLinks asyncQueryDownloadLinks(QueryReader reader, ResultStore store, QueryStates states,
            DownloadLinkSigner signer, AsyncQueryConfig config, AsyncQueryMetrics metrics,
            @Qualifier(CLOCK) Clock clock) {
        return new DownloadLinks(reader, store, states, signer, config.downloadLinkSeconds(), clock, metrics);
    }

    @Bean
    public QueryListing asyncQueryListing(QueryCatalog catalog, QueryAccess access) {
        return new QueryListing(catalog, access);
    }

    @Bean
    public QueryStopper asyncQueryStopper(QueryAccess access, QueryStates states, OutcomeRecorder outcomes,
            QueryExecutor executor, @Qualifier(CLOCK) Clock clock) {
        return new QueryStopper(access, states, outcomes, executor, clock);
    }

    @Bean
    public QueryDeleter asyncQueryDeleter(QueryAccess access, ResultStore store, QueryCatalog catalog,
            QueryRemover remover, UserQuotas quotas) {
        return new QueryDeleter(access, store, catalog, remover, quotas);
    }

    /** The working directory's file system; Hadoop caches it, so every caller shares one instance. */
    private static FileSystem fileSystem(AsyncQueryConfig config, Configuration hadoopConf) throws IOException {
        if (config.workingDir().isEmpty()) {
            throw new IllegalStateException(ConfigKey.WORKING_DIR.key() + " is not set and the environment chose none");
        }
        return new Path(config.workingDir()).getFileSystem(hadoopConf);
    }
}
