package org.apache.kylin.rest.asyncquery.vocabulary;

/**
 * Why a request was refused. The name is part of the error envelope; the API maps each code to one HTTP status;
 * the README's error table is written from this list (a test keeps them in step).
 */
public enum ErrorCode {
    INVALID_REQUEST("malformed JSON; missing or blank `sql`; negative or non-integer `offset`/`limit`; a blank "
            + "`client_request_id` or one over 128 characters; a `wait_timeout_seconds` that is not a whole number "
            + "from 0 to 50; a "
            + "`separator` that is not exactly one character (or is `\"`, CR or LF); an unknown `format`; bad paging "
            + "or `older_than`; an unknown path or method"),
    SQL_NOT_ALLOWED("the SQL is not exactly one read-only query (DDL, DML, several statements, SELECT INTO or FOR "
            + "UPDATE), or the engine's SQL parser cannot read it, or not within "
            + "`kylin.query.async.sql-check-timeout-seconds`; nothing ran or was written"),
    INVALID_QUERY_ID("the path's query ID is not a UUID (checked before it comes near a file path)"),
    NOT_ACCEPTABLE("the `Accept` header rules out JSON on an endpoint that answers JSON"),
    UNSUPPORTED_MEDIA_TYPE("a submit whose `Content-Type` is not JSON (`application/json` or "
            + "`application/vnd.apache.kylin-v2+json`, with or without a charset), or has none"),
    UNAUTHORIZED("no credentials, or wrong ones"),
    LOGIN_THROTTLED("the standalone server's back-off after repeated wrong passwords for this user or from this "
            + "address; nothing was checked, try again after `Retry-After` seconds"),
    CROSS_SITE_REQUEST("a submit, stop or delete sent by another site's web page (`Sec-Fetch-Site`, or an `Origin` "
            + "that is neither the server's own nor in `kylin.query.async.allowed-origins`)"),
    ACCESS_DENIED("the query belongs to another user and the caller is not an administrator; or a "
            + "non-administrator lists another user's queries"),
    LINK_EXPIRED("a download link used after its `expires` time; ask for a new one with `download_link`"),
    LINK_INVALID("a download link that is malformed or was changed (its query ID, `expires` or `signature`), or "
            + "whose query was deleted"),
    ASYNC_QUERY_DISABLED("`kylin.query.async.enabled` is false on this server: every async_query endpoint answers "
            + "this, with or without credentials, and nothing runs"),
    QUERY_NOT_FOUND("no query with that ID, or it was deleted meanwhile (`status` answers `MISSING` instead)"),
    QUERY_NOT_SUCCESSFUL("metadata, size or download asked for a query that is still running or failed"),
    QUERY_NOT_RUNNING("stop asked for a query that has already finished"),
    REQUEST_CONFLICT("a submit's `client_request_id` was already used by the same user for a query with a different "
            + "SQL, project, paging or format options; nothing was written"),
    RANGE_NOT_SATISFIABLE("a download's `Range` lies wholly outside the result"),
    REQUEST_TIMEOUT("the submit body did not arrive within `kylin.query.async.request-body-timeout-seconds`; the "
            + "connection is closed and nothing was written"),
    REQUEST_TOO_LARGE("a request body over `kylin.query.async.max-request-bytes`, or SQL over "
            + "`kylin.query.async.max-sql-length`"),
    QUEUE_FULL("every thread is busy and the queue is full, or another submit with the same `client_request_id` has "
            + "been in progress here for 20 seconds; nothing was written, try again later"),
    USER_LIMIT("the user already has `kylin.query.async.max-queries-per-user` queries running or waiting here; "
            + "nothing was written"),
    USER_QUOTA("the user already keeps `kylin.query.async.max-kept-queries-per-user` queries or "
            + "`kylin.query.async.max-kept-bytes-per-user` result bytes; delete some of them first"),
    STORAGE_FULL("the working directory's file system has less free space than "
            + "`kylin.query.async.min-free-percent`; nothing was written"),
    SERVER_BUSY("`kylin.query.async.max-uploads-in-flight` submit bodies are already arriving, or a quarter of them "
            + "from this user; the connection is closed, nothing was written, try again after `Retry-After` seconds"),
    SQL_CHECK_BUSY("the user's previous SQL, or every thread that reads submitted SQL "
            + "(`kylin.query.async.sql-check-threads`), stayed busy for the whole `sql-check-timeout-seconds`; nothing "
            + "was written, try again later"),
    STORAGE_UNAVAILABLE("the working directory's file system could not be reached"),
    INTERNAL_ERROR("a bug, or the server is shutting down; the server log has the details, the answer never has a "
            + "stack trace");

    private final String description;

    ErrorCode(String description) {
        this.description = description;
    }

    /** When this refusal happens, for the README. */
    public String description() {
        return description;
    }
}
