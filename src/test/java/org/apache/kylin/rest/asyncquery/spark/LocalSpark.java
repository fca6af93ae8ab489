package org.apache.kylin.rest.asyncquery.spark;

import org.apache.spark.sql.SparkSession;

/** The local Spark session of one test class: two cores, no UI, the session time zone UTC. */
final class LocalSpark {
    private LocalSpark() {
    }

    static SparkSession start() {
        return SparkSession.builder()
                .master("local[2]")
                .appName("kylin-async-query-test")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "localhost")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.session.timeZone", "UTC")
                // Rows made on the driver are split into four partitions, so a result is several part files.
                .config("spark.default.parallelism", "4")
                // Else a projection of rows made on the driver is computed there while planning, interpreted;
                // the Spark route's lines are computed by executors, in generated code.
                .config("spark.sql.optimizer.excludedRules",
                        "org.apache.spark.sql.catalyst.optimizer.ConvertToLocalRelation")
                .getOrCreate();
    }
}
