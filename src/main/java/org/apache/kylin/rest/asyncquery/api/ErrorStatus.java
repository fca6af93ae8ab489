package org.apache.kylin.rest.asyncquery.api;

import org.apache.kylin.rest.asyncquery.vocabulary.ErrorCode;

/** The HTTP status for each {@link ErrorCode}: client mistakes are 4xx, the server's own trouble 5xx. */
public final class ErrorStatus {
    private ErrorStatus() {
    }

    public static int of(ErrorCode code) {
        switch (code) {
            case INVALID_REQUEST:
            case SQL_NOT_ALLOWED:
            case INVALID_QUERY_ID:
                return 400;
            case UNAUTHORIZED:
                return 401;
            case ACCESS_DENIED:
            case CROSS_SITE_REQUEST:
            case LINK_EXPIRED:
            case LINK_INVALID:
                return 403;
            case QUERY_NOT_FOUND:
            case ASYNC_QUERY_DISABLED:
                return 404;
            case NOT_ACCEPTABLE:
                return 406;
            case REQUEST_TIMEOUT:
                return 408;
            case QUERY_NOT_SUCCESSFUL:
            case QUERY_NOT_RUNNING:
            case REQUEST_CONFLICT:
                return 409;
            case REQUEST_TOO_LARGE:
                return 413;
            case UNSUPPORTED_MEDIA_TYPE:
                return 415;
            case RANGE_NOT_SATISFIABLE:
                return 416;
            case QUEUE_FULL:
            case USER_LIMIT:
            case USER_QUOTA:
            case LOGIN_THROTTLED:
            case SQL_CHECK_BUSY:
                return 429;
            case STORAGE_FULL:
                return 507;
            case SERVER_BUSY:
            case STORAGE_UNAVAILABLE:
                return 503;
            case INTERNAL_ERROR:
            default:
                return 500;
        }
    }
}
