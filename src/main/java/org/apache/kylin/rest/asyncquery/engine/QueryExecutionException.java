package org.apache.kylin.rest.asyncquery.engine;

/**
 * The engine could not run a query. The message explains why to the person who submitted it, in words and without
 * Java class names. Most failures are the query's own (bad SQL, a value that cannot be computed); an
 * {@linkplain #isEngineFault() engine fault} is a defect inside the engine that the server's log should show.
 */
public class QueryExecutionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean engineFault;

    /** A failure of the query itself: its SQL or its data. */
    public QueryExecutionException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private QueryExecutionException(String message, Throwable cause, boolean engineFault) {
        super(message, cause);
        this.engineFault = engineFault;
    }

    /** A failure inside the engine, not the query's fault; {@code cause} is what the log should show. */
    public static QueryExecutionException engineFault(String message, Throwable cause) {
        return new QueryExecutionException(message, cause, true);
    }

    public boolean isEngineFault() {
        return engineFault;
    }
}
