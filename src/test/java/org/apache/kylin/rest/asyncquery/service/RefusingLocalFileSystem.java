package org.apache.kylin.rest.asyncquery.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * FAKE: the real local file system, except that while {@link #refuse} is set every rename says no, as a local
 * rename does on an I/O error. The store then cannot commit anything: no outcome, no progress, no result.
 */
final class RefusingLocalFileSystem extends LocalFileSystem {
    private volatile boolean refusing;

    RefusingLocalFileSystem() {
        try {
            initialize(URI.create("file:///"), new Configuration());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void refuse(boolean value) {
        refusing = value;
    }

    @Override
    public boolean rename(Path src, Path dst) throws IOException {
        return !refusing && super.rename(src, dst);
    }
}
