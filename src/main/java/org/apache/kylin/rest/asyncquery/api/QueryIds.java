package org.apache.kylin.rest.asyncquery.api;

import org.apache.kylin.rest.asyncquery.service.AsyncQueryException;
import org.apache.kylin.rest.asyncquery.vocabulary.ErrorCode;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;

/** Checks a path's query ID before it goes anywhere else. */
final class QueryIds {
    private static final int SHOWN_CHARS = 64;

    private QueryIds() {
    }

    static QueryId require(String text) {
        return QueryId.parse(text).orElseThrow(() -> new AsyncQueryException(ErrorCode.INVALID_QUERY_ID,
                "'" + shorten(text) + "' is not a query ID; a query ID is a UUID such as "
                        + "43eeb967-e76a-4214-8932-70594d454013."));
    }

    private static String shorten(String text) {
        return text.length() <= SHOWN_CHARS ? text : text.substring(0, SHOWN_CHARS) + "...";
    }
}
