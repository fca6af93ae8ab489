package org.apache.kylin.rest.asyncquery.config;

/**
 * Every {@code kylin.query.async.*} setting: its key, default and one line of documentation. The README's
 * configuration table is written from this list (a test keeps the two in step).
 */
public enum ConfigKey {
    ENABLED("kylin.query.async.enabled", "true",
            "The switch: false turns async query export off on this server. Every async_query endpoint then "
                    + "answers HTTP 404 ASYNC_QUERY_DISABLED, and nothing runs or is written."),
    WORKING_DIR("kylin.query.async.working-dir", "",
            "Folder that holds async_query_result/, as a Hadoop FileSystem URI (file:, hdfs:). Empty: the "
                    + "standalone server uses data/ in the checkout; a Kylin host uses its HDFS working directory."),
    THREADS("kylin.query.async.threads", "4",
            "How many async queries run at once on this server."),
    QUEUE_SIZE("kylin.query.async.queue-size", "32",
            "How many accepted queries may wait for a thread; a submission beyond that is refused with HTTP 429."),
    EXPORT_NICE("kylin.query.async.export-nice", "10",
            "On Linux, how much lower the operating-system priority (nice, 0 to 19) of export threads, and of the "
                    + "threads they start, is than the server's, so status calls, downloads and the host's "
                    + "interactive queries win the CPU over exports. Its cost: exports slow down only while the CPU "
                    + "is busy with other work. 0: the same priority. Needs util-linux's renice."),
    FETCH_SIZE("kylin.query.async.fetch-size", "1000",
            "JDBC fetch size the embedded engine asks for when streaming rows."),
    SPARK_ROUTE("kylin.query.async.spark-route", "true",
            "Where the engine plans a query with Spark (Kylin's Sparder, or the standalone server's Spark engine), "
                    + "have Spark's executors write CSV, JSON and Parquet results straight into the query's folder; "
                    + "false pulls every result through the server, one partition at a time."),
    SPARK_POOL("kylin.query.async.spark-pool", "async_query_tasks",
            "The Spark fair-scheduler pool exports run in, apart from interactive queries' pools; define its weight "
                    + "and minShare in Spark's fairscheduler.xml (a pool it lacks gets weight 1)."),
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
    MAX_RUNNING_PER_USER("kylin.query.async.max-running-per-user", "0",
            "Queries of one user that may run at once on this server; the user's others wait while other users' "
                    + "queries start in turn. 0: half of kylin.query.async.threads, rounded up."),
    MAX_RUN_SECONDS("kylin.query.async.max-run-seconds", "14400",
            "A query still running after this many seconds is stopped and ends FAILED, saying so. 0: no limit."),
    MAX_KEPT_QUERIES_PER_USER("kylin.query.async.max-kept-queries-per-user", "1000",
            "Queries (running, finished or failed) one user may keep in the working directory; a submit beyond "
                    + "it is refused with HTTP 429 until the user deletes some or the cleaner removes old ones. 0: no cap."),
    MAX_KEPT_BYTES_PER_USER("kylin.query.async.max-kept-bytes-per-user", "53687091200",
            "Result bytes one user may keep in the working directory; a submit at or over it is refused with HTTP "
                    + "429, and an export that would pass it stops and ends FAILED. 0: no cap."),
    MIN_FREE_PERCENT("kylin.query.async.min-free-percent", "5",
            "Submits are refused (HTTP 507) and running exports stop when the working directory's file system has "
                    + "less than this percentage of its capacity free (where it reports its capacity). 0: no check."),
    FILE_PERMISSION("kylin.query.async.file-permission", "600",
            "Octal permission of every file written under the working directory (its folders also get x where "
                    + "they have r); the default keeps results and the SQL they hold to the server's own account."),
    MAX_REQUEST_BYTES("kylin.query.async.max-request-bytes", "1048576",
            "Largest submit body accepted; a larger one is refused with HTTP 413."),
    MAX_SQL_LENGTH("kylin.query.async.max-sql-length", "262144",
            "Longest SQL accepted, in characters; a longer one is refused with HTTP 413."),
    REQUEST_BODY_TIMEOUT_SECONDS("kylin.query.async.request-body-timeout-seconds", "30",
            "Most time a submit body may take to arrive, in all (a trickle of bytes does not extend it); a slower "
                    + "one is refused with HTTP 408 and its connection closed."),
    MAX_UPLOADS_IN_FLIGHT("kylin.query.async.max-uploads-in-flight", "16",
            "Submit bodies this server receives at once, a quarter of them (rounded up) from one user; one more is "
                    + "refused at once with HTTP 503 and its connection closed, so slow uploads cannot take every "
                    + "request thread."),
    ALLOWED_ORIGINS("kylin.query.async.allowed-origins", "",
            "Web origins (scheme://host[:port], comma-separated; * for any) whose pages may submit, stop and "
                    + "delete besides the server's own; any other site's page is refused with HTTP 403."),
    MAX_RESULT_ROWS("kylin.query.async.max-result-rows", "100000000",
            "An export that passes this many rows stops and ends FAILED (\"result exceeds ...\"), never truncated."),
    MAX_RESULT_BYTES("kylin.query.async.max-result-bytes", "21474836480",
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
    REUSE_MINUTES("kylin.query.async.reuse-minutes", "0",
            "A submit whose user, project, SQL, paging and format options equal a SUCCESSFUL query of the same user "
                    + "submitted less than this many minutes ago answers that query instead of running again (on "
                    + "any server sharing the working directory). 0: off, as data under a cube can change."),
    MAX_WAITING_SUBMITS("kylin.query.async.max-waiting-submits", "16",
            "Submits with wait_timeout_seconds that this server holds at once while their queries run; a submit "
                    + "past it answers at once, as with no wait (never an error), so waiting cannot take every "
                    + "request thread. 0: never wait."),
    DOWNLOAD_LINK_SECONDS("kylin.query.async.download-link-seconds", "900",
            "How long a download link (GET .../download_link) stays valid, in seconds, from 1 to 604800 (7 days)."),
    DOWNLOAD_LINK_KEY("kylin.query.async.download-link-key", "",
            "The secret that signs download links, at least 32 characters, the same on every server sharing the "
                    + "working directory. Empty: a random key kept in async_query_result/_download_link.key, made "
                    + "once by the first server (owner-only)."),
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
