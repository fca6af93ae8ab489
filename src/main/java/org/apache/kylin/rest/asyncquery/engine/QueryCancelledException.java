package org.apache.kylin.rest.asyncquery.engine;

/** A query stopped because it was cancelled, not because it failed. */
public class QueryCancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QueryCancelledException() {
        super("The query was cancelled.");
    }
}
