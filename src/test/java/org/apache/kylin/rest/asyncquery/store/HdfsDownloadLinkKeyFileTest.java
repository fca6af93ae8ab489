package org.apache.kylin.rest.asyncquery.store;

import java.io.IOException;
import java.util.UUID;

import org.apache.hadoop.fs.FileSystem;
import org.apache.kylin.asyncquery.testing.MiniHdfsExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The key file on a real HDFS: an in-process MiniDFSCluster with one DataNode. */
class HdfsDownloadLinkKeyFileTest extends DownloadLinkKeyFileContract {
    @RegisterExtension
    static final MiniHdfsExtension HDFS = new MiniHdfsExtension();

    @Override
    FileSystem fileSystem() throws IOException {
        return HDFS.fileSystem();
    }

    @Override
    org.apache.hadoop.fs.Path freshWorkingDir() {
        return new org.apache.hadoop.fs.Path(HDFS.uri() + "/kylin/" + UUID.randomUUID());
    }
}
