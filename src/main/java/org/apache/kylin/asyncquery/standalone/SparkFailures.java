package org.apache.kylin.asyncquery.standalone;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

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
    /** Spark's wrappers around a task's real error; they name stages, executors and paths. */
    private static final Set<String> WRAPPERS = new HashSet<>(Arrays.asList("TASK_WRITE_FAILED",
            "_LEGACY_ERROR_TEMP_2023", "FAILED_EXECUTE_UDF"));

    private SparkFailures() {
    }

    static QueryExecutionException translate(Throwable error) {
        if (error instanceof VirtualMachineError) {
            throw (VirtualMachineError) error;
        }
        if (error instanceof QueryExecutionException) {
            return (QueryExecutionException) error;
        }
        Throwable chosen = null;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SparkThrowable && ((SparkThrowable) t).getErrorClass() != null
                    && !WRAPPERS.contains(((SparkThrowable) t).getErrorClass())) {
                chosen = t; // the innermost one wins: the outer ones wrap it
            }
        }
        if (chosen == null) {
            // No error of Spark's own: the runtime's (an ArithmeticException, say), or a defect.
            Throwable root = error;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return EngineFailures.translate(root);
        }
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
