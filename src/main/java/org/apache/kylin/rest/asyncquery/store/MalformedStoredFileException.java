package org.apache.kylin.rest.asyncquery.store;

import com.fasterxml.jackson.core.JsonProcessingException;

/** A stored JSON file that is not what this store writes: cut short, edited by hand, or not ours. */
public final class MalformedStoredFileException extends StoreException {
    private static final long serialVersionUID = 1L;

    /** A fault a parser found; the store names the file before the exception leaves it (see {@link #in}). */
    MalformedStoredFileException(String reason) {
        super(null, reason, null);
    }

    private MalformedStoredFileException(String file, String message, Throwable cause) {
        super(file, message, cause);
    }

    /** The same fault, naming the file it was found in. */
    static MalformedStoredFileException in(String file, Exception fault) {
        String reason = fault instanceof JsonProcessingException
                ? "not valid JSON (" + ((JsonProcessingException) fault).getOriginalMessage() + ")"
                : fault.getMessage();
        return new MalformedStoredFileException(file, "The stored file " + file + " is malformed: " + reason, fault);
    }
}
