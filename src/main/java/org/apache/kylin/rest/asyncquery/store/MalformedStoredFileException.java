package org.apache.kylin.rest.asyncquery.store;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;

/** A stored JSON file that is not what this store writes: cut short, edited by hand, or not ours. */
public final class MalformedStoredFileException extends IOException {
    private static final long serialVersionUID = 1L;

    MalformedStoredFileException(String reason) {
        super(reason);
    }

    /** The same fault, naming the file it was found in. */
    static MalformedStoredFileException in(String file, IOException fault) {
        String reason = fault instanceof JsonProcessingException
                ? "not valid JSON (" + ((JsonProcessingException) fault).getOriginalMessage() + ")"
                : fault.getMessage();
        return new MalformedStoredFileException("The stored file " + file + " is malformed: " + reason);
    }
}
