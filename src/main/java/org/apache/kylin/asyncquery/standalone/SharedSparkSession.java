package org.apache.kylin.asyncquery.standalone;

import java.io.IOException;
import java.nio.file.Files;

import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JVM's one SparkContext (Spark allows no second), started by the first Spark engine and stopped when the last
 * one closes: tests run two servers in one JVM. Local masters run without Spark's web UI; every session works in
 * UTC, schedules jobs fairly between pools, keeps its catalog in memory and never reads files named in SQL.
 */
final class SharedSparkSession {
    private static final Logger LOG = LoggerFactory.getLogger(SharedSparkSession.class);
    private static SparkSession session; // guarded by SharedSparkSession.class
    private static int users; // guarded by SharedSparkSession.class

    private SharedSparkSession() {
    }

    /** The root session, started on first use; pair each call with {@link #release}. */
    static synchronized SparkSession acquire(String master) throws IOException {
        if (session == null || session.sparkContext().isStopped()) {
            SparkSession.Builder builder = SparkSession.builder()
                    .appName("kylin-async-query")
                    .master(master)
                    .config("spark.sql.session.timeZone", "UTC")
                    .config("spark.scheduler.mode", "FAIR")
                    .config("spark.sql.runSQLOnFiles", "false")
                    // Spark would take the JVM's one URL handler factory, which the embedded Tomcat needs.
                    .config("spark.sql.defaultUrlStreamHandlerFactory.enabled", "false")
                    .config("spark.sql.catalogImplementation", "in-memory")
                    .config("spark.sql.warehouse.dir",
                            Files.createTempDirectory("async-query-spark-warehouse").toUri().toString());
            if (master.startsWith("local")) {
                builder.config("spark.ui.enabled", "false")
                        .config("spark.driver.host", "localhost")
                        .config("spark.driver.bindAddress", "127.0.0.1");
            }
            session = builder.getOrCreate();
            LOG.info("Spark {} started, master {}", session.version(), session.sparkContext().master());
        }
        users++;
        return session;
    }

    /** Stops Spark once its last user let go. */
    static synchronized void release() {
        if (users > 0 && --users == 0 && session != null) {
            LOG.info("Stopping Spark");
            session.stop();
            session = null;
        }
    }
}
