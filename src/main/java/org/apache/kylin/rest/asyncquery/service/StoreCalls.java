package org.apache.kylin.rest.asyncquery.service;

import java.io.FileNotFoundException;
import java.io.IOException;

import org.apache.kylin.rest.asyncquery.vocabulary.ErrorCode;

/**
 * Runs a store call for an API answer, turning an I/O failure into a refusal a person can read: a file gone
 * missing means the query was deleted while we looked (QUERY_NOT_FOUND); anything else is the storage's trouble
 * (STORAGE_UNAVAILABLE). The one place this translation is written.
 */
final class StoreCalls {
    private StoreCalls() {
    }

    static <T> T get(StoreCall<T> call) {
        try {
            return call.run();
        } catch (FileNotFoundException e) {
            throw new AsyncQueryException(ErrorCode.QUERY_NOT_FOUND, "The query was deleted.", e);
        } catch (IOException e) {
            throw new AsyncQueryException(ErrorCode.STORAGE_UNAVAILABLE,
                    "The result store could not be reached: " + e.getMessage(), e);
        }
    }

    static void run(StoreAction action) {
        get(() -> {
            action.run();
            return null;
        });
    }

    @FunctionalInterface
    interface StoreCall<T> {
        T run() throws IOException;
    }

    @FunctionalInterface
    interface StoreAction {
        void run() throws IOException;
    }
}
