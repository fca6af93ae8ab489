package org.apache.kylin.rest.asyncquery.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.Function;

/**
 * The async query settings, read once from a property source (a Kylin host's {@code kylin.properties}, or the
 * standalone server's {@code conf/}). A bad value fails start-up with a message naming the key.
 */
public final class AsyncQueryConfig {
    private final String workingDir;
    private final int threads;
    private final int queueSize;
    private final int fetchSize;
    private final String nodeId;

    private AsyncQueryConfig(String workingDir, int threads, int queueSize, int fetchSize, String nodeId) {
        this.workingDir = workingDir;
        this.threads = threads;
        this.queueSize = queueSize;
        this.fetchSize = fetchSize;
        this.nodeId = nodeId;
    }

    /** Reads every key from {@code properties}, which answers null for a key that is not set. */
    public static AsyncQueryConfig from(Function<String, String> properties) {
        Function<ConfigKey, String> value = key -> {
            String set = properties.apply(key.key());
            return set == null || set.trim().isEmpty() ? key.defaultValue() : set.trim();
        };
        String nodeId = value.apply(ConfigKey.NODE_ID);
        return new AsyncQueryConfig(
                value.apply(ConfigKey.WORKING_DIR),
                intAtLeast(ConfigKey.THREADS, value.apply(ConfigKey.THREADS), 1),
                intAtLeast(ConfigKey.QUEUE_SIZE, value.apply(ConfigKey.QUEUE_SIZE), 0),
                intAtLeast(ConfigKey.FETCH_SIZE, value.apply(ConfigKey.FETCH_SIZE), 0),
                nodeId.isEmpty() ? hostName() : nodeId);
    }

    /** The configured working directory URI, or empty when the environment should choose its default. */
    public String workingDir() {
        return workingDir;
    }

    public int threads() {
        return threads;
    }

    public int queueSize() {
        return queueSize;
    }

    public int fetchSize() {
        return fetchSize;
    }

    public String nodeId() {
        return nodeId;
    }

    /** A copy with the working directory set, for environments that supply their own default. */
    public AsyncQueryConfig withWorkingDir(String uri) {
        return new AsyncQueryConfig(uri, threads, queueSize, fetchSize, nodeId);
    }

    private static int intAtLeast(ConfigKey key, String text, int min) {
        try {
            int parsed = Integer.parseInt(text);
            if (parsed >= min) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the key's name
        }
        throw new IllegalArgumentException(
                key.key() + " must be a whole number of at least " + min + ", but is '" + text + "'");
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
