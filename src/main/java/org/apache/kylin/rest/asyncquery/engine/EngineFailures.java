package org.apache.kylin.rest.asyncquery.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ConcurrentModificationException;

/**
 * Decides what a failure thrown by the engine while it ran a query means. Evaluating a user's SQL fails in many
 * ways that are the query's own doing (division by zero, a bad cast, an invalid date or regular expression, an
 * unknown name), and an engine such as Calcite throws some of them raw from its generated code, even as an
 * {@link ExceptionInInitializerError}. All of those become a {@link QueryExecutionException} with a readable
 * reason. Exceptions that only a defect raises (a null pointer, a bad cast between Java types, broken state) or an
 * I/O failure become an {@linkplain QueryExecutionException#engineFault engine fault}, for the log to show. A
 * {@link VirtualMachineError} (out of memory, a stack overflow) is never translated: it is thrown as it is.
 */
public final class EngineFailures {
    static final String ENGINE_FAULT = "The engine failed on this query because of an internal error; "
            + "the server log has the details.";

    private EngineFailures() {
    }

    /**
     * The failure for the person who submitted the query.
     *
     * @throws VirtualMachineError {@code error} itself, when it is one
     */
    public static QueryExecutionException translate(Throwable error) {
        if (error instanceof VirtualMachineError) {
            throw (VirtualMachineError) error;
        }
        if (error instanceof QueryExecutionException) {
            return (QueryExecutionException) error;
        }
        if (isEngineFault(error)) {
            return QueryExecutionException.engineFault(ENGINE_FAULT, error);
        }
        return new QueryExecutionException(SqlErrorMessages.describe(error), error);
    }

    static boolean isEngineFault(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ExceptionInInitializerError) {
                continue; // how generated code reports an exception of its constants; the cause decides
            }
            if (t instanceof Error || t instanceof NullPointerException || t instanceof ClassCastException
                    || t instanceof IllegalStateException || t instanceof IndexOutOfBoundsException
                    || t instanceof UnsupportedOperationException || t instanceof ArrayStoreException
                    || t instanceof ConcurrentModificationException || t instanceof IOException
                    || t instanceof UncheckedIOException) {
                return true;
            }
        }
        return false;
    }
}
