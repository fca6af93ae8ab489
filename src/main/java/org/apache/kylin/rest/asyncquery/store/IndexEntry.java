package org.apache.kylin.rest.asyncquery.store;

import static java.util.Objects.requireNonNull;

import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;

/**
 * One entry of a {@link QueryIndex}: a user's name for a query (a client request ID, or what a reusable request
 * looks like) pointing at the query's ID. Only a pointer: whoever reads it checks the query's own record. Immutable.
 */
public final class IndexEntry {
    private final QueryIndex.Kind kind;
    private final String fileName;
    private final QueryId queryId;
    private final String owner;
    private final long createdAtMillis;

    IndexEntry(QueryIndex.Kind kind, String fileName, QueryId queryId, String owner, long createdAtMillis) {
        this.kind = requireNonNull(kind, "kind is null");
        this.fileName = requireNonNull(fileName, "fileName is null");
        this.queryId = requireNonNull(queryId, "queryId is null");
        this.owner = requireNonNull(owner, "owner is null");
        this.createdAtMillis = createdAtMillis;
    }

    public QueryIndex.Kind kind() {
        return kind;
    }

    /** The file that holds it: the hash of its owner and name, so the name itself is never a path. */
    String fileName() {
        return fileName;
    }

    public QueryId queryId() {
        return queryId;
    }

    public String owner() {
        return owner;
    }

    /** When the entry was written (the writing server's clock). */
    public long createdAtMillis() {
        return createdAtMillis;
    }
}
