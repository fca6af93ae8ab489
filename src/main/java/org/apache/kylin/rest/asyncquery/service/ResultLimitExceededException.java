package org.apache.kylin.rest.asyncquery.service;

/** An export passed a configured result limit; the message names the limit, for the query's FAILED reason. */
class ResultLimitExceededException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ResultLimitExceededException(String message) {
        super(message);
    }
}
