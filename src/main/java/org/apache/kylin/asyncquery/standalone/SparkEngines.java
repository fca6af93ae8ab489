package org.apache.kylin.asyncquery.standalone;

import java.io.IOException;

import org.apache.kylin.rest.asyncquery.config.AsyncQueryConfig;
import org.apache.kylin.rest.asyncquery.engine.QueryEngine;
import org.apache.kylin.rest.asyncquery.security.SparkSqlGrammar;
import org.apache.kylin.rest.asyncquery.security.SqlGrammar;

/**
 * The one door to the Spark engine, typed only with the server's own interfaces: Spark's jars are on the class
 * path only with {@code --engine spark}, and the Spring configuration must load without them.
 */
final class SparkEngines {
    private SparkEngines() {
    }

    static QueryEngine start(StandaloneOptions options, AsyncQueryConfig config) throws IOException {
        try {
            Class.forName("org.apache.spark.sql.SparkSession", false, SparkEngines.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("--engine spark needs Spark's jars on the class path "
                    + "(bin/async-query-server adds target/spark-lib, or $SPARK_HOME/jars)", e);
        }
        return SparkQueryEngine.start(options, config);
    }

    static SqlGrammar grammar() {
        return new SparkSqlGrammar();
    }
}
