package org.apache.kylin.rest.asyncquery.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.UUID;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.io.TempDir;

/** The key file on a real local disk, through Hadoop's local file system (a {@code file:} working directory). */
class LocalDownloadLinkKeyFileTest extends DownloadLinkKeyFileContract {
    @TempDir
    Path temp;

    @Override
    FileSystem fileSystem() throws IOException {
        return FileSystem.getLocal(new Configuration());
    }

    @Override
    org.apache.hadoop.fs.Path freshWorkingDir() {
        return new org.apache.hadoop.fs.Path(temp.resolve(UUID.randomUUID().toString()).toUri());
    }
}
