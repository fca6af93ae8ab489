package org.apache.kylin.rest.asyncquery.store;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the local Hadoop file system ({@code file:}), as the standalone server uses it. */
class LocalResultStoreTest extends ResultStoreContract {
    @TempDir
    Path temp;

    @Override
    FileSystem fileSystem() throws IOException {
        return FileSystem.getLocal(new Configuration());
    }

    @Override
    org.apache.hadoop.fs.Path freshWorkingDir() {
        return new org.apache.hadoop.fs.Path(temp.toUri());
    }
}
