package org.apache.kylin.rest.asyncquery.store;

import static java.util.Objects.requireNonNull;

import org.apache.hadoop.fs.Path;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;

/**
 * The file layout under {@code {working-dir}/async_query_result/}. Bookkeeping files start with {@code _}, which
 * Hadoop and Spark readers skip, so the query's folder reads as a plain data set of its result files.
 */
final class QueryLayout {
    static final String RESULT_ROOT = "async_query_result";
    static final String RECORD = "_query.json";
    static final String COLUMNS = "_columns.json";
    static final String OUTCOME = "_outcome.json";
    static final String PROGRESS = "_progress.json";
    static final String WRITING_PREFIX = "_writing.";
    static final String TEMP_PREFIX = "_tmp.";
    static final String NODES = "_nodes";
    static final String TRASH = "_trash";
    static final String SENDING = "_sending";
    static final String REQUESTS = "_requests";
    static final String REUSE = "_reuse";
    static final String LINK_KEY = "_download_link.key";

    private final Path root;

    QueryLayout(Path workingDir) {
        this.root = new Path(requireNonNull(workingDir, "workingDir is null"), RESULT_ROOT);
    }

    Path root() {
        return root;
    }

    Path queryDir(QueryId id) {
        return new Path(root, id.toString());
    }

    Path file(QueryId id, String name) {
        return new Path(queryDir(id), name);
    }

    /** Where a deleted query's folder goes first, so it vanishes from its place in one rename. */
    Path trash(QueryId id, String unique) {
        return new Path(new Path(root, TRASH), id + "." + unique);
    }

    /** Where a local result is hard-linked while a web server sends it (see ResultStore#pinLocalFile). */
    Path sending() {
        return new Path(root, SENDING);
    }

    /** The folder of one of the indexes that point at queries ({@code _requests/}, {@code _reuse/}). */
    Path index(String folder) {
        return new Path(root, folder);
    }

    /** The secret that signs download links, shared by every server of this working directory. */
    Path linkKey() {
        return new Path(root, LINK_KEY);
    }

    /** A server's heartbeat file; the node ID is reduced to characters that are safe in any file system. */
    Path nodeHeartbeat(String nodeId) {
        return new Path(new Path(root, NODES), nodeId.replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    /** Result files are the visible ones; anything hidden is bookkeeping or a write in progress. */
    static boolean isResultFile(String name) {
        return !name.startsWith("_") && !name.startsWith(".");
    }
}
