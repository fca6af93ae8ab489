package org.apache.kylin.rest.asyncquery.engine;

/** Which way a result reached its files; recorded with the outcome and logged. */
public enum ExportRoute {
    /** Rows streamed from a JDBC result set through the server's writer. */
    JDBC_STREAM,
    /** Rows of a Spark Dataset pulled partition by partition to the server ({@code toLocalIterator}) into its writer. */
    SPARK_DRIVER_ITERATOR,
    /** Spark's executors wrote the result as part files straight into the query's folder. */
    SPARK_EXECUTORS
}
