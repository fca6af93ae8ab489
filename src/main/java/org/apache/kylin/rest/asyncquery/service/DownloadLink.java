package org.apache.kylin.rest.asyncquery.service;

import static java.util.Objects.requireNonNull;

import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;

/** A signed link to one query's result: the query, when the link expires, and its signature. */
public final class DownloadLink {
    private final QueryId queryId;
    private final long expiresEpochSeconds;
    private final String signature;

    DownloadLink(QueryId queryId, long expiresEpochSeconds, String signature) {
        this.queryId = requireNonNull(queryId, "queryId is null");
        this.expiresEpochSeconds = expiresEpochSeconds;
        this.signature = requireNonNull(signature, "signature is null");
    }

    public QueryId queryId() {
        return queryId;
    }

    /** The link's {@code expires} parameter: the first second in which it is refused. */
    public long expiresEpochSeconds() {
        return expiresEpochSeconds;
    }

    public long expiresAtMillis() {
        return expiresEpochSeconds * 1000;
    }

    /** The link's {@code signature} parameter, base64url. */
    public String signature() {
        return signature;
    }
}
