package org.apache.kylin.rest.asyncquery.service;

import static java.util.Objects.requireNonNull;

import org.apache.kylin.rest.asyncquery.vocabulary.ErrorCode;

/** A refused request: a code for programs and a message for people. */
public class AsyncQueryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public AsyncQueryException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public AsyncQueryException(ErrorCode code, String message, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.code = requireNonNull(code, "code is null");
    }

    public ErrorCode code() {
        return code;
    }
}
