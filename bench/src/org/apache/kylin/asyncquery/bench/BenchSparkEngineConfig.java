package org.apache.kylin.asyncquery.bench;

import java.nio.file.Paths;

import org.apache.kylin.rest.asyncquery.config.AsyncQueryConfig;
import org.apache.kylin.rest.asyncquery.engine.QueryEngine;
import org.apache.kylin.rest.asyncquery.spark.SparkExport;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Replaces the standalone server's Calcite engine with {@link BenchSparkEngine} on a local Spark in the server's
 * JVM; the route (executors write, or the driver iterates) is the server's own {@code kylin.query.async.spark-route}.
 * Spark's cores, the partitions and Spark's scratch folder come from the {@code bench.spark.*} system properties.
 */
@Configuration
public class BenchSparkEngineConfig {
    @Bean
    public QueryEngine asyncQueryEngine(AsyncQueryConfig config) {
        int cores = Integer.getInteger("bench.spark.cores", 2);
        int partitions = Integer.getInteger("bench.spark.partitions", 8);
        String scratch = System.getProperty("bench.spark.scratch", "target/bench/spark-route/scratch");
        return new BenchSparkEngine(SparkRows.session(cores, Paths.get(scratch)), SparkExport.configuredBy(config),
                partitions);
    }
}
