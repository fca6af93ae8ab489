package org.apache.kylin.rest.asyncquery.api;

import java.beans.PropertyEditorSupport;

import org.apache.kylin.rest.asyncquery.service.AsyncQueryException;
import org.apache.kylin.rest.asyncquery.vocabulary.ErrorCode;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;

/**
 * Turns a path's {@code {queryId}} into a {@link QueryId} while Spring binds the handler's arguments, so no handler
 * sees the raw text. Text that is not a query ID fails the binding, and {@link AsyncQueryExceptionHandler} answers
 * it with {@link #notAQueryId}. A new editor per binding: Spring's editors hold state.
 */
final class QueryIdEditor extends PropertyEditorSupport {
    private static final int SHOWN_CHARS = 64;

    @Override
    public void setAsText(String text) {
        setValue(QueryId.parse(text).orElseThrow(() -> new IllegalArgumentException(message(text))));
    }

    /** The refusal of a path ID that is not one: INVALID_QUERY_ID, quoting it (shortened). */
    static AsyncQueryException notAQueryId(String text) {
        return new AsyncQueryException(ErrorCode.INVALID_QUERY_ID, message(text));
    }

    private static String message(String text) {
        return "'" + shorten(text) + "' is not a query ID; a query ID is a UUID such as "
                + "43eeb967-e76a-4214-8932-70594d454013.";
    }

    private static String shorten(String text) {
        return text.length() <= SHOWN_CHARS ? text : text.substring(0, SHOWN_CHARS) + "...";
    }
}
