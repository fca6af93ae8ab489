package org.apache.kylin.rest.asyncquery.config;

import java.io.IOException;
import java.time.Clock;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kylin.rest.asyncquery.engine.QueryEngine;
import org.apache.kylin.rest.asyncquery.format.ResultWriterFactory;
import org.apache.kylin.rest.asyncquery.security.AccessPolicy;
import org.apache.kylin.rest.asyncquery.security.CurrentRequester;
import org.apache.kylin.rest.asyncquery.service.AsyncQueryService;
import org.apache.kylin.rest.asyncquery.service.QueryExecutor;
import org.apache.kylin.rest.asyncquery.store.ResultStore;
import org.springframework.context.annotation.Bean;

/**
 * Wires the parts that are the same everywhere. The environment (a Kylin host, or the standalone server)
 * supplies three beans: the {@link AsyncQueryConfig} with its working directory set, the {@link QueryEngine},
 * and the Hadoop {@link Configuration} for the working directory's file system.
 */
@org.springframework.context.annotation.Configuration
public class AsyncQueryConfiguration {

    @Bean
    public ResultStore asyncQueryResultStore(AsyncQueryConfig config, Configuration hadoopConf) throws IOException {
        if (config.workingDir().isEmpty()) {
            throw new IllegalStateException(ConfigKey.WORKING_DIR.key() + " is not set and the environment chose none");
        }
        Path workingDir = new Path(config.workingDir());
        FileSystem fs = workingDir.getFileSystem(hadoopConf);
        return new ResultStore(fs, workingDir);
    }

    @Bean(destroyMethod = "close")
    public QueryExecutor asyncQueryExecutor(AsyncQueryConfig config) {
        return new QueryExecutor(config.threads(), config.queueSize());
    }

    @Bean
    public CurrentRequester asyncQueryCurrentRequester() {
        return new CurrentRequester();
    }

    @Bean
    public AsyncQueryService asyncQueryService(QueryEngine engine, ResultStore store, QueryExecutor executor,
            AsyncQueryConfig config) {
        return new AsyncQueryService(engine, store, executor, new ResultWriterFactory(), new AccessPolicy(),
                config.nodeId(), Clock.systemUTC());
    }
}
