package org.apache.kylin.rest.asyncquery.format;

/** A value the chosen format or encoding cannot hold faithfully; the export stops rather than alter it. */
public class ValueNotWritableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ValueNotWritableException(String message) {
        super(message);
    }
}
