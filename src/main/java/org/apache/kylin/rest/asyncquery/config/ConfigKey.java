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
    NODE_ID("kylin.query.async.node-id", "",
            "This server's name in query records. Empty: the host name.");

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
