package org.apache.kylin.asyncquery.standalone;


import org.apache.kylin.rest.asyncquery.engine.EngineFailures;
import org.apache.kylin.rest.asyncquery.engine.QueryExecutionException;
import org.apache.kylin.rest.asyncquery.engine.SqlErrorMessages;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.AnalysisException;

/**
 * Spark's failures as one line for the person who submitted the query. Spark's messages carry an error class
 * ({@code [TABLE_OR_VIEW_NOT_FOUND] ...}), advice over several lines, the plan, and for a task's failure the
 * stage, the executor and the file it wrote; what the person needs is the innermost error of the query's own:
 * its first line, without the class, with the SQL position where Spark knows it.
 */
final class SparkFailures {
    private SparkFailures() {
    }

    static QueryExecutionException translate(Throwable error) {
        if (error instanceof VirtualMachineError) {
            throw (VirtualMachineError) error;
        }
        if (error instanceof QueryExecutionException) {
            return (QueryExecutionException) error;
        }
        // The innermost error is the query's own (raise_error's, a division by zero); the outer ones are Spark's
        // wrappers, which name stages, executors and the files being written.
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (!(root instanceof SparkThrowable)) {
            // The runtime's own (an ArithmeticException, say), a message raised in SQL, or a defect.
            return EngineFailures.translate(root);
        }
        Throwable chosen = root;
        return new QueryExecutionException(describe(chosen), error);
    }

    static String describe(Throwable error) {
        String message;
        if (error instanceof AnalysisException) {
            AnalysisException analysis = (AnalysisException) error;
            message = firstLine(analysis.message());
            if (analysis.line().isDefined() && analysis.startPosition().isDefined()) {
                message = message + " (line " + analysis.line().get() + ", position "
                        + (((Integer) analysis.startPosition().get()) + 1) + ")";
            }
        } else {
            message = firstLine(error.getMessage());
        }
        return SqlErrorMessages.clean(message);
    }

    /** The first line, without Spark's error class and SQLSTATE. */
    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String line = message.trim().split("\\R", 2)[0].trim();
        if (line.startsWith("[")) {
            int end = line.indexOf("] ");
            if (end > 0) {
                line = line.substring(end + 2);
            }
        }
        int state = line.indexOf(" SQLSTATE:");
        if (state > 0) {
            line = line.substring(0, state);
        }
        return line.trim();
    }
}
