package org.apache.kylin.rest.asyncquery.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.UUID;

import org.apache.hadoop.fs.FileSystem;
import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on a real HDFS: an in-process MiniDFSCluster with one DataNode. */
class HdfsResultStoreTest extends ResultStoreContract {
    @TempDir
    static Path temp;
    static MiniHdfs hdfs;

    @BeforeAll
    static void startHdfs() throws IOException {
        hdfs = MiniHdfs.start(temp, 1);
    }

    @AfterAll
    static void stopHdfs() {
        hdfs.close();
    }

    @Override
    FileSystem fileSystem() throws IOException {
        return hdfs.fileSystem();
    }

    @Override
    org.apache.hadoop.fs.Path freshWorkingDir() {
        return new org.apache.hadoop.fs.Path(hdfs.uri() + "/kylin/" + UUID.randomUUID());
    }

    @Test
    void aResultOnHdfsIsNeverPinnedAsALocalFile() throws IOException {
        ResultStore store = new ResultStore(fileSystem(), freshWorkingDir());
        QueryId id = QueryId.random();
        store.create(ResultStoreContract.record(id));
        try (PendingResult pending = store.beginResult(id, FormatOptions.csvDefaults())) {
            pending.stream().write(1);
            pending.commit();
        }
        assertThat(store.result(id).pinForSending(System.currentTimeMillis())).isEmpty();
    }
}
