package org.apache.kylin.rest.asyncquery.store;

import java.io.FileNotFoundException;
import java.io.IOException;

import org.apache.hadoop.fs.Path;

/** A write for a query whose folder no longer exists: the query was deleted while it ran. */
public class QueryFolderGoneException extends IOException {
    private static final long serialVersionUID = 1L;

    QueryFolderGoneException(Path dir, FileNotFoundException cause) {
        super("The query's folder " + dir + " no longer exists", cause);
    }
}
