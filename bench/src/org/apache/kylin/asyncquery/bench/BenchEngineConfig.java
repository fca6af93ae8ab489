package org.apache.kylin.asyncquery.bench;

import org.apache.kylin.rest.asyncquery.config.AsyncQueryConfig;
import org.apache.kylin.rest.asyncquery.engine.JdbcQueryEngine;
import org.apache.kylin.rest.asyncquery.engine.QueryEngine;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Replaces the standalone server's Calcite engine with the DuckDB row source; everything else is unchanged. */
@Configuration
public class BenchEngineConfig {
    @Bean
    public QueryEngine asyncQueryEngine(AsyncQueryConfig config) {
        return new JdbcQueryEngine(new BenchRows(), config.fetchSize());
    }
}
