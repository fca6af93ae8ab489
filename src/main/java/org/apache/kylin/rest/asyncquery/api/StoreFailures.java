package org.apache.kylin.rest.asyncquery.api;

import org.apache.kylin.rest.asyncquery.service.AsyncQueryException;
import org.apache.kylin.rest.asyncquery.store.MalformedStoredFileException;
import org.apache.kylin.rest.asyncquery.store.QueryFolderGoneException;
import org.apache.kylin.rest.asyncquery.store.StoreException;
import org.apache.kylin.rest.asyncquery.vocabulary.ErrorCode;

/**
 * The answer to each kind of store failure, written once: a person-readable refusal that keeps the store's
 * exception (with its path) as the cause for the log, but says nothing of paths or classes to the client.
 */
final class StoreFailures {
    static final String QUERY_DELETED = "The query was deleted.";
    static final String UNREACHABLE = "The result store could not be reached; the server log has the details.";
    static final String DAMAGED = "A file of this query in the result store is damaged; the server log names it.";

    private StoreFailures() {
    }

    static AsyncQueryException refusal(StoreException e) {
        if (e instanceof QueryFolderGoneException) {
            return new AsyncQueryException(ErrorCode.QUERY_NOT_FOUND, QUERY_DELETED, e);
        }
        if (e instanceof MalformedStoredFileException) {
            return new AsyncQueryException(ErrorCode.STORAGE_UNAVAILABLE, DAMAGED, e);
        }
        return new AsyncQueryException(ErrorCode.STORAGE_UNAVAILABLE, UNREACHABLE, e);
    }
}
