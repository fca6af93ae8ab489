package org.apache.kylin.rest.asyncquery;

import java.io.IOException;
import java.time.Clock;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kylin.rest.asyncquery.config.AsyncQueryConfig;
import org.apache.kylin.rest.asyncquery.config.ConfigKey;
import org.apache.kylin.rest.asyncquery.config.ExportPolicy;
import org.apache.kylin.rest.asyncquery.config.QueryLimits;
import org.apache.kylin.rest.asyncquery.config.UserQuota;
import org.apache.kylin.rest.asyncquery.engine.QueryEngine;
import org.apache.kylin.rest.asyncquery.format.ResultWriterFactory;
import org.apache.kylin.rest.asyncquery.security.CurrentRequester;
import org.apache.kylin.rest.asyncquery.security.JSqlParserGrammar;
import org.apache.kylin.rest.asyncquery.security.ReadOnlyCheck;
import org.apache.kylin.rest.asyncquery.security.SecurityContextCarrier;
import org.apache.kylin.rest.asyncquery.security.SqlGrammar;
import org.apache.kylin.rest.asyncquery.service.AccessPolicy;
import org.apache.kylin.rest.asyncquery.service.AsyncQueryService;
import org.apache.kylin.rest.asyncquery.service.ClusterHeartbeat;
import org.apache.kylin.rest.asyncquery.service.OutcomeRecorder;
import org.apache.kylin.rest.asyncquery.service.ProgressLookup;
import org.apache.kylin.rest.asyncquery.service.QueryCatalog;
import org.apache.kylin.rest.asyncquery.service.QueryExecutor;
import org.apache.kylin.rest.asyncquery.service.QueryJobFactory;
import org.apache.kylin.rest.asyncquery.service.QueryRemover;
import org.apache.kylin.rest.asyncquery.service.QueryStates;
import org.apache.kylin.rest.asyncquery.service.ResultCleaner;
import org.apache.kylin.rest.asyncquery.service.RetentionPolicy;
import org.apache.kylin.rest.asyncquery.service.StorageGuard;
import org.apache.kylin.rest.asyncquery.service.UserQuotas;
import org.apache.kylin.rest.asyncquery.store.NodeHeartbeats;
import org.apache.kylin.rest.asyncquery.store.ResultStore;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryOutcome;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;

/**
 * Wires the parts that are the same everywhere. The environment (a Kylin host, or the standalone server)
 * supplies three beans: the {@link AsyncQueryConfig} with its working directory set, the {@link QueryEngine},
 * and the Hadoop {@link Configuration} for the working directory's file system, named {@value #HADOOP_CONF}; and
 * where its engine has a SQL grammar of its own, a {@link SqlGrammar} for the read-only check (without one,
 * JSqlParser's grammar of common SQL decides).
 */
@org.springframework.context.annotation.Configuration
public class AsyncQueryConfiguration {
    /** The environment's Hadoop configuration bean, by name: a host may define other Configuration beans. */
    public static final String HADOOP_CONF = "asyncQueryHadoopConf";
    private static final Clock CLOCK = Clock.systemUTC();
    private static final Logger LOG = LoggerFactory.getLogger(AsyncQueryConfiguration.class);

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

    @Bean(destroyMethod = "close")
    public QueryExecutor asyncQueryExecutor(AsyncQueryConfig config, OutcomeRecorder outcomes) {
        long maxRunMillis = config.maxRunMillis();
        return new QueryExecutor(config.threads(), config.queueSize(), config.limits().maxQueriesPerUser(),
                config.maxRunningPerUser(), maxRunMillis, id -> outcomes.record(id,
                        new QueryOutcome(QueryStatus.FAILED, QueryExecutor.overrunReason(maxRunMillis), CLOCK.millis())));
    }

    @Bean
    public StorageGuard asyncQueryStorageGuard(ResultStore store, AsyncQueryConfig config) {
        return new StorageGuard(store, config.minFreePercent(), CLOCK);
    }

    @Bean
    public UserQuotas asyncQueryUserQuotas(QueryCatalog catalog, AsyncQueryConfig config) {
        return new UserQuotas(catalog, config.userQuota(), CLOCK);
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
            OutcomeRecorder outcomes, AsyncQueryConfig config) {
        return new QueryStates(store, heartbeats, executor, outcomes, config.nodeId(),
                config.heartbeatTimeoutMillis(), CLOCK);
    }

    @Bean
    public QueryCatalog asyncQueryCatalog(ResultStore store, QueryStates states) {
        return new QueryCatalog(store, states);
    }

    @Bean
    public QueryRemover asyncQueryRemover(ResultStore store, QueryExecutor executor) {
        return new QueryRemover(store, executor);
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    public ClusterHeartbeat asyncQueryHeartbeat(ResultStore store, NodeHeartbeats heartbeats, QueryExecutor executor,
            OutcomeRecorder outcomes, QueryStates states, AsyncQueryConfig config) {
        return new ClusterHeartbeat(store, heartbeats, executor, outcomes, states, config.nodeId(),
                config.heartbeatIntervalMillis(), CLOCK);
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    public ResultCleaner asyncQueryCleaner(QueryCatalog catalog, QueryRemover remover, ResultStore store,
            AsyncQueryConfig config) {
        return new ResultCleaner(catalog, remover, store::pinnedOrphanBytes,
                new RetentionPolicy(config.retainMillis(), config.maxResults(), config.maxTotalBytes()),
                config.cleanerIntervalMillis(), CLOCK);
    }

    @Bean(initMethod = "warmUp", destroyMethod = "close")
    public ReadOnlyCheck asyncQueryReadOnlyCheck(ObjectProvider<SqlGrammar> grammar, AsyncQueryConfig config) {
        ReadOnlyCheck check = new ReadOnlyCheck(grammar.getIfAvailable(JSqlParserGrammar::new),
                config.sqlCheckThreads(), config.sqlCheckTimeoutMillis());
        LOG.info("Async queries: the read-only check reads SQL with {}", check.grammarName());
        return check;
    }

    @Bean
    public CurrentRequester asyncQueryCurrentRequester() {
        return new CurrentRequester();
    }

    @Bean
    public AsyncQueryService asyncQueryService(QueryEngine engine, ReadOnlyCheck readOnly, ResultStore store,
            QueryExecutor executor, QueryStates states, QueryCatalog catalog, QueryRemover remover,
            OutcomeRecorder outcomes, ProgressLookup progress, UserQuotas quotas,
            StorageGuard storageGuard, AsyncQueryConfig config) {
        QueryJobFactory jobs = new QueryJobFactory(engine, store,
                new ResultWriterFactory(config.exportPolicy().escapeFormulas(), config.writerThread()), outcomes,
                config.limits(), storageGuard, quotas, CLOCK);
        return new AsyncQueryService(engine, readOnly, store, executor, states, catalog, remover, outcomes, jobs,
                progress, new AccessPolicy(config.exportPolicy()), new SecurityContextCarrier(), quotas, storageGuard,
                config.nodeId(), CLOCK);
    }

    /** The working directory's file system; Hadoop caches it, so every caller shares one instance. */
    private static FileSystem fileSystem(AsyncQueryConfig config, Configuration hadoopConf) throws IOException {
        if (config.workingDir().isEmpty()) {
            throw new IllegalStateException(ConfigKey.WORKING_DIR.key() + " is not set and the environment chose none");
        }
        return new Path(config.workingDir()).getFileSystem(hadoopConf);
    }
}
