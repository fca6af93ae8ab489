package org.apache.kylin.rest.asyncquery.security;

/** Every thread that reads submitted SQL is busy, and stayed busy for the whole wait; nothing was checked. */
public final class SqlCheckBusyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SqlCheckBusyException(String message) {
        super(message);
    }
}
