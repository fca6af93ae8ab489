package org.apache.kylin.rest.asyncquery.config;

/**
 * Every {@code kylin.query.async.*} setting: its key, default and one line of documentation. The README's
 * configuration table is written from this list (a test keeps the two in step).
 */
public enum ConfigKey {
    WORKING_DIR("kylin.query.async.working-dir", "",
            "Folder that holds async_query_result/, as a Hadoop FileSystem URI (file:, hdfs:). Empty: the "
                    + "standalone server uses data/ in the checkout; a Kylin host uses its HDFS working directory."),
    THREADS("kylin.query.async.threads", "4",
            "How many async queries run at once on this server."),
    QUEUE_SIZE("kylin.query.async.queue-size", "32",
            "How many accepted queries may wait for a thread; a submission beyond that is refused with HTTP 429."),
    FETCH_SIZE("kylin.query.async.fetch-size", "1000",
            "JDBC fetch size the embedded engine asks for when streaming rows."),
    WRITER_THREAD("kylin.query.async.writer-thread", "true",
            "Format and write each result on a second thread, so reading rows from the engine and writing the "
                    + "file overlap; false keeps each export on one thread (for a host with a single core)."),
    NODE_ID("kylin.query.async.node-id", "",
            "This server's name in query records; each server sharing a working directory needs its own. "
                    + "Empty: the host name (the standalone server adds its port)."),
    HEARTBEAT_INTERVAL_SECONDS("kylin.query.async.heartbeat-interval-seconds", "5",
            "How often a server renews its heartbeat and notices queries deleted or stopped through another server."),
    HEARTBEAT_TIMEOUT_SECONDS("kylin.query.async.heartbeat-timeout-seconds", "60",
            "An unfinished query whose server has not renewed its heartbeat for this long is FAILED. Keep it well "
                    + "above the interval and the servers' clock skew."),
    RESULT_RETAIN_DAYS("kylin.query.async.result-retain-days", "7",
            "Finished queries older than this many days (fractions allowed) are deleted by the cleaner."),
    MAX_RESULTS("kylin.query.async.max-results", "0",
            "Most finished queries kept; the oldest beyond it are deleted by the cleaner. 0: no cap."),
    MAX_TOTAL_BYTES("kylin.query.async.max-total-bytes", "0",
            "Most result bytes kept in all; the oldest queries beyond it are deleted by the cleaner. 0: no cap."),
    CLEANER_INTERVAL_SECONDS("kylin.query.async.cleaner-interval-seconds", "3600",
            "How often the cleaner applies the retention period and the caps."),
    MAX_QUERIES_PER_USER("kylin.query.async.max-queries-per-user", "8",
            "Running and queued queries one user may have on this server; more are refused with HTTP 429."),
    MAX_REQUEST_BYTES("kylin.query.async.max-request-bytes", "1048576",
            "Largest submit body accepted; a larger one is refused with HTTP 413."),
    MAX_SQL_LENGTH("kylin.query.async.max-sql-length", "262144",
            "Longest SQL accepted, in characters; a longer one is refused with HTTP 413."),
    MAX_RESULT_ROWS("kylin.query.async.max-result-rows", "100000000",
            "An export that passes this many rows stops and ends FAILED (\"result exceeds ...\"), never truncated."),
    MAX_RESULT_BYTES("kylin.query.async.max-result-bytes", "107374182400",
            "An export whose file passes this many bytes stops and ends FAILED (\"result exceeds ...\")."),
    SQL_CHECK_THREADS("kylin.query.async.sql-check-threads", "2",
            "How many submitted SQL statements are parsed at once for the read-only check (one per user at most); a "
                    + "submit that finds them busy for sql-check-timeout-seconds is refused with HTTP 429."),
    SQL_CHECK_TIMEOUT_SECONDS("kylin.query.async.sql-check-timeout-seconds", "5",
            "Longest a submit's read-only check may parse its SQL (fractions allowed); SQL that takes longer is "
                    + "refused with HTTP 400. Short SQL takes milliseconds."),
    ESCAPE_FORMULAS("kylin.query.async.escape-formulas", "false",
            "Prefix CSV text cells that start with =, +, -, @, tab or CR with a ' so spreadsheets do not run them "
                    + "as formulas. It changes the data: leave it off for files read by programs."),
    EXPORT_ALLOW_ADMIN("kylin.web.export-allow-admin", "true",
            "As in Kylin 5: false forbids administrators to download other users' results (their own stay theirs)."),
    EXPORT_ALLOW_OTHER("kylin.web.export-allow-other", "true",
            "As in Kylin 5: false forbids users who are not administrators to download results at all.");

    private final String key;
    private final String defaultValue;
    private final String description;

    ConfigKey(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }
}
