package org.apache.kylin.rest.asyncquery.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.UUID;

import org.apache.hadoop.fs.FileSystem;
import org.apache.kylin.asyncquery.testing.MiniHdfsExtension;
import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store contract on a real HDFS: an in-process MiniDFSCluster with one DataNode. */
class HdfsResultStoreTest extends ResultStoreContract {
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
