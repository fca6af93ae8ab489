package org.apache.kylin.asyncquery.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

import org.apache.kylin.rest.asyncquery.engine.ProjectConnections;

/**
 * The benchmark's row source: DuckDB's {@code range()} behind JDBC, so the figures measure the export pipeline
 * rather than an engine. Each connection is a fresh in-memory DuckDB; the rows are computed, not stored.
 */
final class BenchRows implements ProjectConnections {
    static final String PROJECT = "BENCH";

    /** N rows of eight columns: BIGINT, INTEGER, DECIMAL(12,2), VARCHAR, DATE, TIMESTAMP, BOOLEAN and DOUBLE. */
    static String sql(long rows) {
        return "SELECT i AS ORDER_ID, CAST(i % 100000 AS INTEGER) AS CUSTOMER_KEY,"
                + " CAST((i % 1000003) / 100.0 AS DECIMAL(12,2)) AS AMOUNT,"
                + " 'customer-' || CAST(i % 100000 AS VARCHAR) AS CUSTOMER_NAME,"
                + " DATE '2020-01-01' + CAST(i % 3650 AS INTEGER) AS ORDER_DATE,"
                + " TIMESTAMP '2020-01-01 00:00:00' + to_seconds(i % 315360000) AS ORDER_TIME,"
                + " i % 7 = 0 AS FLAGGED, CAST(i % 10007 AS DOUBLE) / 7 AS RATIO"
                + " FROM range(" + rows + ") AS t(i)";
    }

    @Override
    public List<String> projects() {
        return Collections.singletonList(PROJECT);
    }

    @Override
    public Connection open(String project) throws SQLException {
        return connect();
    }

    /** A fresh DuckDB with the threads {@code -Dbench.duckdb.threads} names, or DuckDB's default (one a core). */
    static Connection connect() throws SQLException {
        return connect(System.getProperty("bench.duckdb.threads"));
    }

    /** A fresh DuckDB with DuckDB's default threads, whatever the harness set: for DuckDB's own COPY. */
    static Connection connectWithDefaultThreads() throws SQLException {
        return connect(null);
    }

    private static Connection connect(String threads) throws SQLException {
        Properties properties = new Properties();
        // Without this the DuckDB driver materialises the whole result before the first row is read.
        properties.setProperty("jdbc_stream_results", "true");
        if (threads != null) {
            properties.setProperty("threads", threads);
        }
        return DriverManager.getConnection("jdbc:duckdb:", properties);
    }
}
