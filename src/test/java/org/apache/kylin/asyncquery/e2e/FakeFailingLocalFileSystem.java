package org.apache.kylin.asyncquery.e2e;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FsStatus;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * FAKE: Hadoop's own local file system, which on a test's word reports itself full, or fails to open a query's
 * column file with an unexpected exception (not an I/O error: the way a bug fails). Everything else is
 * LocalFileSystem's. A server uses it when its {@code core-site.xml} is {@link #CORE_SITE}.
 */
final class FakeFailingLocalFileSystem extends LocalFileSystem {
    /** Report no free space at all. */
    static final AtomicBoolean FULL = new AtomicBoolean();
    /** Fail every open of a {@code _columns.json} with an IllegalStateException. */
    static final AtomicBoolean BROKEN_COLUMNS = new AtomicBoolean();

    static final String CORE_SITE = "<configuration>"
            + "<property><name>fs.file.impl</name><value>" + FakeFailingLocalFileSystem.class.getName()
            + "</value></property>"
            + "<property><name>fs.file.impl.disable.cache</name><value>true</value></property>"
            + "</configuration>";

    @Override
    public FsStatus getStatus(Path path) throws IOException {
        FsStatus real = super.getStatus(path);
        return FULL.get() ? new FsStatus(real.getCapacity(), real.getCapacity(), 0) : real;
    }

    @Override
    public FSDataInputStream open(Path file, int bufferSize) throws IOException {
        if (BROKEN_COLUMNS.get() && file.getName().equals("_columns.json")) {
            throw new IllegalStateException("FAKE: a defect while opening " + file);
        }
        return super.open(file, bufferSize);
    }
}
