package org.apache.kylin.rest.asyncquery.service;

/**
 * A new query lost its client request ID to another submit (on this server or another) just before it would have
 * started; the query is undone, and the submit answers the query that holds the ID.
 */
final class RequestKeyTakenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RequestKeyTakenException() {
        super("The client request ID was claimed by another submit", null, false, false);
    }
}
