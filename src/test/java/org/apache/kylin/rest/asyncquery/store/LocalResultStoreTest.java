package org.apache.kylin.rest.asyncquery.store;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;

import java.nio.charset.StandardCharsets;

import java.io.File;

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

    /** What Tomcat's sendfile relies on: the pinned name still reads the whole result after the query is gone. */
    @Test
    void aPinnedResultOutlivesTheQueryForAMinute() throws IOException {
        ResultStore store = new ResultStore(fileSystem(), freshWorkingDir());
        QueryId id = QueryId.random();
        store.create(ResultStoreContract.record(id));
        try (PendingResult pending = store.beginResult(id, "result.csv")) {
            pending.stream().write("a,b\r\n".getBytes(StandardCharsets.UTF_8));
            pending.commit();
        }
        long now = 1_800_000_000_000L;
        File pinned = store.pinLocalFile(store.resultFiles(id), now).orElseThrow();
        store.delete(id);

        assertThat(store.exists(id)).isFalse();
        assertThat(Files.readString(pinned.toPath())).isEqualTo("a,b\r\n");
        assertThat(store.listQueryIds()).isEmpty();

        store.create(ResultStoreContract.record(id));
        try (PendingResult pending = store.beginResult(id, "result.csv")) {
            pending.commit();
        }
        File later = store.pinLocalFile(store.resultFiles(id), now + 60_001).orElseThrow();
        assertThat(pinned).doesNotExist();
        assertThat(later).exists();
    }
}
