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

    /**
     * A committed result whose files do not hold the byte count its outcome recorded: edited, or cut short by
     * hand. Served as it is, a download would be silently truncated or promise bytes it never sends.
     */
    static MalformedStoredFileException sizeMismatch(String folder, long recorded, long listed) {
        return new MalformedStoredFileException(folder, "The result in " + folder + " holds " + listed
                + " bytes, but its outcome recorded " + recorded, null);
    }

    /** The same fault, naming the file it was found in. */
    static MalformedStoredFileException in(String file, Exception fault) {
        String reason = fault instanceof JsonProcessingException
                ? "not valid JSON (" + ((JsonProcessingException) fault).getOriginalMessage() + ")"
                : fault.getMessage();
        return new MalformedStoredFileException(file, "The stored file " + file + " is malformed: " + reason, fault);
    }
}
