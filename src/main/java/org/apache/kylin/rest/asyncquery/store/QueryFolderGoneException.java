package org.apache.kylin.rest.asyncquery.store;

import java.io.IOException;

import org.apache.hadoop.fs.Path;

/**
 * The query's folder, or a file the query's state says is there, no longer exists: the query was deleted (by this
 * server or another) while it ran or while it was read.
 */
public final class QueryFolderGoneException extends StoreException {
    private static final long serialVersionUID = 1L;

    private QueryFolderGoneException(Path path, String message, IOException cause) {
        super(path.toString(), message, cause);
    }

    /** A write found the query's folder {@code dir} gone. */
    static QueryFolderGoneException folder(Path dir, IOException cause) {
        return new QueryFolderGoneException(dir, "The query's folder " + dir + " no longer exists", cause);
    }

    /** A read found {@code file} of the query gone. */
    static QueryFolderGoneException file(Path file, IOException cause) {
        return new QueryFolderGoneException(file, "The query's file " + file + " no longer exists; the query was "
                + "deleted meanwhile", cause);
    }
}
