package org.apache.kylin.asyncquery.e2e;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Hadoop's own local file system, which also notes the name of each file it opens, so a test can tell what a
 * request read. Not a fake: every call is LocalFileSystem's. A server uses it when its {@code core-site.xml} sets
 * {@code fs.file.impl} to this class (with {@code fs.file.impl.disable.cache}, so that it gets its own instance).
 */
final class OpenCountingLocalFileSystem extends LocalFileSystem {
    private static final List<String> OPENED = new CopyOnWriteArrayList<>();

    /** The core-site.xml that makes a server's {@code file:} working directory use this class. */
    static final String CORE_SITE = "<configuration>"
            + "<property><name>fs.file.impl</name><value>" + OpenCountingLocalFileSystem.class.getName()
            + "</value></property>"
            + "<property><name>fs.file.impl.disable.cache</name><value>true</value></property>"
            + "</configuration>";

    @Override
    public FSDataInputStream open(Path file, int bufferSize) throws IOException {
        OPENED.add(file.getName());
        return super.open(file, bufferSize);
    }

    /** The names of the files opened since the last {@link #forget()}, oldest first. */
    static List<String> opened() {
        return new ArrayList<>(OPENED);
    }

    static void forget() {
        OPENED.clear();
    }
}
