package org.apache.kylin.rest.asyncquery.engine;

/** The engine could not run a query. The message explains why to the person who submitted it. */
public class QueryExecutionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QueryExecutionException(String message, Throwable cause) {
        super(message, cause);
    }
}
