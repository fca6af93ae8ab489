package org.apache.kylin.rest.asyncquery.store;

import static java.util.Objects.requireNonNull;

import org.apache.hadoop.fs.Path;

/** One file of a committed result: its name in the query's folder and its size in bytes. Immutable. */
public final class ResultFile {
    private final Path path;
    private final long size;

    ResultFile(Path path, long size) {
        this.path = requireNonNull(path, "path is null");
        this.size = size;
    }

    public String name() {
        return path.getName();
    }

    public long size() {
        return size;
    }

    /** Where it is; for the store alone. */
    Path path() {
        return path;
    }

    @Override
    public String toString() {
        return name() + " (" + size + " bytes)";
    }
}
