package org.apache.kylin.asyncquery.bench;

import org.apache.kylin.rest.asyncquery.config.AsyncQueryConfig;
import org.apache.kylin.rest.asyncquery.engine.JdbcQueryEngine;
import org.apache.kylin.rest.asyncquery.engine.QueryEngine;
import org.apache.kylin.rest.asyncquery.security.JSqlParserGrammar;
import org.apache.kylin.rest.asyncquery.security.SqlGrammar;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Replaces the standalone server's Calcite engine with the DuckDB row source, and with it the read-only check's
 * grammar: the SQL is DuckDB's ({@code FROM range(n) AS t(i)}, {@code %}), which Calcite's parser refuses, so the
 * check reads it as the server does for any plain JDBC source (JSqlParser). Everything else is unchanged.
 */
@Configuration
public class BenchEngineConfig {
    @Bean
    public QueryEngine asyncQueryEngine(AsyncQueryConfig config) {
        return new JdbcQueryEngine(new BenchRows(), config.fetchSize());
    }

    @Bean
    public SqlGrammar asyncQuerySqlGrammar() {
        return new JSqlParserGrammar();
    }
}
