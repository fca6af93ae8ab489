package org.apache.kylin.rest.asyncquery.store;

import java.io.IOException;

import org.apache.hadoop.fs.Path;

/** The working directory's file system failed or could not be reached while the store worked on a path. */
public final class StorageUnavailableException extends StoreException {
    private static final long serialVersionUID = 1L;

    StorageUnavailableException(String action, Path path, IOException cause) {
        super(String.valueOf(path), "Could not " + action + " " + path + ": " + cause, cause);
    }

    /** A failure the store found itself, such as a rename the file system refused. */
    StorageUnavailableException(Path path, String message) {
        super(String.valueOf(path), message, null);
    }
}
