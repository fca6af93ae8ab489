package org.apache.kylin.rest.asyncquery.store;

/**
 * A failure of the result store, unchecked and typed by what it means to a caller: the storage failed
 * ({@link StorageUnavailableException}), the query was deleted meanwhile ({@link QueryFolderGoneException}), or a
 * stored file is damaged ({@link MalformedStoredFileException}). The store turns Hadoop's exceptions into these at
 * its boundary. The message names the path, for the log; an answer to a client must not repeat it.
 */
public abstract class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String path;

    StoreException(String path, String message, Throwable cause) {
        super(message, cause);
        this.path = path;
    }

    /**
     * The fully qualified file or folder concerned, for the log; null only for a fault found by a parser before the
     * store knew which file it read.
     */
    public String path() {
        return path;
    }
}
