package org.apache.kylin.rest.asyncquery.metrics;

/** How a query submitted here ended, as the metrics count it. */
public enum QueryEnding {
    /** Its result was committed and its SUCCESSFUL outcome stands. */
    SUCCEEDED,
    /** It failed: the engine, its data, a limit (the run-time limit included), the storage, or an unknown project. */
    FAILED,
    /** It was stopped before it finished: a stop, a delete, or the server shutting down. */
    CANCELLED;

    /** The value of the {@code outcome} tag. */
    String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
