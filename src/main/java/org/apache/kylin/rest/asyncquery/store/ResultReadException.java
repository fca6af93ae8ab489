package org.apache.kylin.rest.asyncquery.store;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.hadoop.fs.Path;

/** A result file could not be opened part-way through a download. */
public class ResultReadException extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    ResultReadException(Path path, IOException cause) {
        super("Could not open result file " + path, cause);
    }
}
