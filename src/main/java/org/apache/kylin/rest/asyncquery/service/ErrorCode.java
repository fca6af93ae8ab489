package org.apache.kylin.rest.asyncquery.service;

/** Why a request was refused. The API maps each code to one HTTP status; the name is part of the error envelope. */
public enum ErrorCode {
    INVALID_REQUEST,
    INVALID_QUERY_ID,
    UNAUTHORIZED,
    ACCESS_DENIED,
    QUERY_NOT_FOUND,
    QUERY_NOT_SUCCESSFUL,
    QUERY_NOT_RUNNING,
    REQUEST_TOO_LARGE,
    QUEUE_FULL,
    STORAGE_UNAVAILABLE,
    INTERNAL_ERROR
}
