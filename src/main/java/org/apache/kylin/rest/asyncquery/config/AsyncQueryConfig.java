package org.apache.kylin.rest.asyncquery.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The async query settings, read once from a property source (a Kylin host's {@code kylin.properties}, or the
 * standalone server's {@code conf/}). A bad value fails start-up with a message naming the key.
 */
public final class AsyncQueryConfig {
    /** A link lives at most a week, as long as any signed URL needs to (S3's presigned URLs have the same cap). */
    public static final long MAX_DOWNLOAD_LINK_SECONDS = 7 * 24 * 3600;
    private static final int MAX_NICE = 19;
    /** Fewer characters than this are guessable, whatever they are. */
    public static final int MIN_DOWNLOAD_LINK_KEY_CHARS = 32;

    private final boolean enabled;
    private final String workingDir;
    private final int threads;
    private final int exportNice;
    private final int queueSize;
    private final int fetchSize;
    private final boolean sparkRoute;
    private final String sparkPool;
    private final boolean writerThread;
    private final long heartbeatIntervalMillis;
    private final long heartbeatTimeoutMillis;
    private final long retainMillis;
    private final int maxResults;
    private final long maxTotalBytes;
    private final long cleanerIntervalMillis;
    private final QueryLimits limits;
    private final int maxRunningPerUser;
    private final long maxRunMillis;
    private final UserQuota userQuota;
    private final int minFreePercent;
    private final short filePermission;
    private final ExportPolicy exportPolicy;
    private final long requestBodyTimeoutMillis;
    private final int maxUploadsInFlight;
    private final List<String> allowedOrigins;
    private final int sqlCheckThreads;
    private final long sqlCheckTimeoutMillis;
    private final long reuseMillis;
    private final int maxWaitingSubmits;
    private final long downloadLinkSeconds;
    private final String downloadLinkKey;
    private final String nodeId;
    private final Function<ConfigKey, String> values;

    private AsyncQueryConfig(String workingDir, String nodeId, Function<ConfigKey, String> values) {
        this.workingDir = workingDir;
        this.nodeId = nodeId;
        this.values = values;
        this.enabled = bool(ConfigKey.ENABLED);
        this.threads = intAtLeast(ConfigKey.THREADS, 1);
        this.queueSize = intAtLeast(ConfigKey.QUEUE_SIZE, 0);
        this.exportNice = intAtLeast(ConfigKey.EXPORT_NICE, 0);
        if (exportNice > MAX_NICE) {
            throw invalid(ConfigKey.EXPORT_NICE, "a whole number from 0 to " + MAX_NICE);
        }
        this.fetchSize = intAtLeast(ConfigKey.FETCH_SIZE, 0);
        this.sparkRoute = bool(ConfigKey.SPARK_ROUTE);
        this.sparkPool = nonBlank(ConfigKey.SPARK_POOL);
        this.writerThread = bool(ConfigKey.WRITER_THREAD);
        this.heartbeatIntervalMillis = intAtLeast(ConfigKey.HEARTBEAT_INTERVAL_SECONDS, 1) * 1000L;
        this.heartbeatTimeoutMillis = intAtLeast(ConfigKey.HEARTBEAT_TIMEOUT_SECONDS, 1) * 1000L;
        this.retainMillis = (long) (positiveDecimal(ConfigKey.RESULT_RETAIN_DAYS) * 24 * 3600 * 1000);
        this.maxResults = intAtLeast(ConfigKey.MAX_RESULTS, 0);
        this.maxTotalBytes = longAtLeast(ConfigKey.MAX_TOTAL_BYTES, 0);
        this.cleanerIntervalMillis = intAtLeast(ConfigKey.CLEANER_INTERVAL_SECONDS, 1) * 1000L;
        this.limits = new QueryLimits(intAtLeast(ConfigKey.MAX_QUERIES_PER_USER, 1),
                intAtLeast(ConfigKey.MAX_REQUEST_BYTES, 1024), intAtLeast(ConfigKey.MAX_SQL_LENGTH, 1),
                longAtLeast(ConfigKey.MAX_RESULT_ROWS, 1), longAtLeast(ConfigKey.MAX_RESULT_BYTES, 1));
        int runningPerUser = intAtLeast(ConfigKey.MAX_RUNNING_PER_USER, 0);
        this.maxRunningPerUser = runningPerUser > 0 ? runningPerUser : (threads + 1) / 2;
        this.maxRunMillis = intAtLeast(ConfigKey.MAX_RUN_SECONDS, 0) * 1000L;
        this.userQuota = new UserQuota(intAtLeast(ConfigKey.MAX_KEPT_QUERIES_PER_USER, 0),
                longAtLeast(ConfigKey.MAX_KEPT_BYTES_PER_USER, 0));
        this.minFreePercent = intAtLeast(ConfigKey.MIN_FREE_PERCENT, 0);
        if (minFreePercent > 99) {
            throw invalid(ConfigKey.MIN_FREE_PERCENT, "a whole number from 0 to 99");
        }
        this.filePermission = octalPermission(ConfigKey.FILE_PERMISSION);
        this.sqlCheckThreads = intAtLeast(ConfigKey.SQL_CHECK_THREADS, 1);
        this.sqlCheckTimeoutMillis = Math.max(1, (long) (positiveDecimal(ConfigKey.SQL_CHECK_TIMEOUT_SECONDS) * 1000));
        this.exportPolicy = new ExportPolicy(bool(ConfigKey.EXPORT_ALLOW_ADMIN), bool(ConfigKey.EXPORT_ALLOW_OTHER),
                bool(ConfigKey.ESCAPE_FORMULAS));
        this.requestBodyTimeoutMillis = intAtLeast(ConfigKey.REQUEST_BODY_TIMEOUT_SECONDS, 1) * 1000L;
        this.maxUploadsInFlight = intAtLeast(ConfigKey.MAX_UPLOADS_IN_FLIGHT, 1);
        this.allowedOrigins = list(ConfigKey.ALLOWED_ORIGINS);
        this.reuseMillis = intAtLeast(ConfigKey.REUSE_MINUTES, 0) * 60_000L;
        this.maxWaitingSubmits = intAtLeast(ConfigKey.MAX_WAITING_SUBMITS, 0);
        this.downloadLinkSeconds = intAtLeast(ConfigKey.DOWNLOAD_LINK_SECONDS, 1);
        if (downloadLinkSeconds > MAX_DOWNLOAD_LINK_SECONDS) {
            throw invalid(ConfigKey.DOWNLOAD_LINK_SECONDS, "a whole number from 1 to " + MAX_DOWNLOAD_LINK_SECONDS);
        }
        this.downloadLinkKey = values.apply(ConfigKey.DOWNLOAD_LINK_KEY);
        if (!downloadLinkKey.isEmpty() && downloadLinkKey.length() < MIN_DOWNLOAD_LINK_KEY_CHARS) {
            // A secret is never echoed, unlike the other keys' bad values.
            throw new IllegalArgumentException(ConfigKey.DOWNLOAD_LINK_KEY.key() + " must be at least "
                    + MIN_DOWNLOAD_LINK_KEY_CHARS + " characters long (or empty, for a key file made once), but is "
                    + downloadLinkKey.length());
        }
    }

    /** Reads every key from {@code properties}, which answers null for a key that is not set. */
    public static AsyncQueryConfig from(Function<String, String> properties) {
        Function<ConfigKey, String> value = key -> {
            String set = properties.apply(key.key());
            return set == null || set.trim().isEmpty() ? key.defaultValue() : set.trim();
        };
        return new AsyncQueryConfig(value.apply(ConfigKey.WORKING_DIR), value.apply(ConfigKey.NODE_ID), value);
    }

    /** Whether async query export is on here; when off, the API refuses every call and nothing runs. */
    public boolean enabled() {
        return enabled;
    }

    /** The configured working directory URI, or empty when the environment should choose its default. */
    public String workingDir() {
        return workingDir;
    }

    public int threads() {
        return threads;
    }

    /** How much higher than the server's the nice of export threads is; 0 leaves it alone. */
    public int exportNice() {
        return exportNice;
    }

    public int queueSize() {
        return queueSize;
    }

    public int fetchSize() {
        return fetchSize;
    }

    /** Whether Spark's executors write results the engine planned with Spark. */
    public boolean sparkRoute() {
        return sparkRoute;
    }

    /** The fair-scheduler pool of the exports' Spark jobs. */
    public String sparkPool() {
        return sparkPool;
    }

    /** Whether each export formats and writes on a thread of its own, overlapping with reading. */
    public boolean writerThread() {
        return writerThread;
    }

    /** This server's name in query records; the host name unless configured. */
    public String nodeId() {
        return nodeId.isEmpty() ? hostName() : nodeId;
    }

    /** Whether the node ID was configured rather than defaulted. */
    public boolean nodeIdConfigured() {
        return !nodeId.isEmpty();
    }

    public long heartbeatIntervalMillis() {
        return heartbeatIntervalMillis;
    }

    public long heartbeatTimeoutMillis() {
        return heartbeatTimeoutMillis;
    }

    public long retainMillis() {
        return retainMillis;
    }

    public int maxResults() {
        return maxResults;
    }

    public long maxTotalBytes() {
        return maxTotalBytes;
    }

    public long cleanerIntervalMillis() {
        return cleanerIntervalMillis;
    }

    public QueryLimits limits() {
        return limits;
    }

    /** How many of one user's queries may run at once here. */
    public int maxRunningPerUser() {
        return maxRunningPerUser;
    }

    /** How long a query may run before it is stopped; 0 for no limit. */
    public long maxRunMillis() {
        return maxRunMillis;
    }

    public UserQuota userQuota() {
        return userQuota;
    }

    /** The share of the working directory's capacity that must stay free, in percent; 0 for no check. */
    public int minFreePercent() {
        return minFreePercent;
    }

    /** The permission bits of files written under the working directory, e.g. 0600. */
    public short filePermission() {
        return filePermission;
    }

    public ExportPolicy exportPolicy() {
        return exportPolicy;
    }

    /** Most time one submit body may take to arrive, in all. */
    public long requestBodyTimeoutMillis() {
        return requestBodyTimeoutMillis;
    }

    /** How many submit bodies may be received at once. */
    public int maxUploadsInFlight() {
        return maxUploadsInFlight;
    }

    /** The web origins, besides the server's own, whose pages may change state; "*" for any. As configured. */
    public List<String> allowedOrigins() {
        return allowedOrigins;
    }

    /** How many read-only checks may parse at once. */
    public int sqlCheckThreads() {
        return sqlCheckThreads;
    }

    /** How long a read-only check may parse, and how long a submit waits for a free parse thread. */
    public long sqlCheckTimeoutMillis() {
        return sqlCheckTimeoutMillis;
    }

    /** How old a SUCCESSFUL query may be and still answer an equal submit; 0 for never. */
    public long reuseMillis() {
        return reuseMillis;
    }

    /** How many submits may wait for their queries at once. */
    public int maxWaitingSubmits() {
        return maxWaitingSubmits;
    }

    /** How long a download link stays valid, in seconds (1 to {@link #MAX_DOWNLOAD_LINK_SECONDS}). */
    public long downloadLinkSeconds() {
        return downloadLinkSeconds;
    }

    /** The configured secret that signs download links, or empty when the working directory's key file is used. */
    public Optional<String> downloadLinkKey() {
        return downloadLinkKey.isEmpty() ? Optional.empty() : Optional.of(downloadLinkKey);
    }

    /** A copy with the working directory set, for environments that supply their own default. */
    public AsyncQueryConfig withWorkingDir(String uri) {
        return new AsyncQueryConfig(uri, nodeId, values);
    }

    /** A copy with the node ID set, for environments that can name the server better than by host name. */
    public AsyncQueryConfig withNodeId(String id) {
        return new AsyncQueryConfig(workingDir, id, values);
    }

    private int intAtLeast(ConfigKey key, int min) {
        long value = longAtLeast(key, min);
        if (value > Integer.MAX_VALUE) {
            throw invalid(key, "a whole number of at least " + min + " and at most " + Integer.MAX_VALUE);
        }
        return (int) value;
    }

    private long longAtLeast(ConfigKey key, long min) {
        try {
            long parsed = Long.parseLong(values.apply(key));
            if (parsed >= min) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the key's name
        }
        throw invalid(key, "a whole number of at least " + min);
    }

    private short octalPermission(ConfigKey key) {
        String value = values.apply(key);
        if (value.matches("0?[0-7]{3}")) {
            return Short.parseShort(value, 8);
        }
        throw invalid(key, "three octal digits such as 600 or 640");
    }

    private String nonBlank(ConfigKey key) {
        String value = values.apply(key).trim();
        if (value.isEmpty()) {
            throw invalid(key, "a name");
        }
        return value;
    }

    private boolean bool(ConfigKey key) {
        String value = values.apply(key);
        if ("true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value)) {
            return Boolean.parseBoolean(value);
        }
        throw invalid(key, "true or false");
    }

    private List<String> list(ConfigKey key) {
        List<String> items = new ArrayList<>();
        for (String item : values.apply(key).split(",")) {
            if (!item.trim().isEmpty()) {
                items.add(item.trim());
            }
        }
        return Collections.unmodifiableList(items);
    }

    private double positiveDecimal(ConfigKey key) {
        try {
            double parsed = Double.parseDouble(values.apply(key));
            if (parsed > 0 && !Double.isInfinite(parsed)) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the key's name
        }
        throw invalid(key, "a number greater than 0");
    }

    private IllegalArgumentException invalid(ConfigKey key, String expected) {
        return new IllegalArgumentException(key.key() + " must be " + expected + ", but is '" + values.apply(key) + "'");
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
