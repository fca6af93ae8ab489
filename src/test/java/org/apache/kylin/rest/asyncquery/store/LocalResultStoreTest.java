package org.apache.kylin.rest.asyncquery.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryOutcome;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryStatus;
import org.junit.jupiter.api.Test;
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
        try (PendingResult pending = store.beginResult(id, FormatOptions.csvDefaults())) {
            pending.stream().write("a,b\r\n".getBytes(StandardCharsets.UTF_8));
            pending.commit();
        }
        long now = 1_800_000_000_000L;
        File pinned = store.result(id).pinForSending(now).orElseThrow();
        store.delete(id);

        assertThat(store.exists(id)).isFalse();
        assertThat(Files.readString(pinned.toPath())).isEqualTo("a,b\r\n");
        assertThat(store.listQueryIds()).isEmpty();

        store.create(ResultStoreContract.record(id));
        try (PendingResult pending = store.beginResult(id, FormatOptions.csvDefaults())) {
            pending.commit();
        }
        File later = store.result(id).pinForSending(now + 60_001).orElseThrow();
        assertThat(pinned).doesNotExist();
        assertThat(later).exists();
    }

    /** A pinned name of a deleted result counts against the byte caps until the sweep, which needs no download. */
    @Test
    void pinsOfDeletedResultsCountUntilTheScheduledSweepRemovesThem() throws IOException {
        ResultStore store = new ResultStore(fileSystem(), freshWorkingDir());
        QueryId id = QueryId.random();
        store.create(ResultStoreContract.record(id));
        try (PendingResult pending = store.beginResult(id, FormatOptions.csvDefaults())) {
            pending.stream().write("0123456789".getBytes(StandardCharsets.UTF_8));
            pending.commit();
        }
        long now = 1_800_000_000_000L;
        File pinned = store.result(id).pinForSending(now).orElseThrow();
        // While the query exists the pin shares its bytes: nothing extra on disk.
        assertThat(store.pinnedOrphanBytes()).isZero();
        store.delete(id);
        assertThat(store.pinnedOrphanBytes()).isEqualTo(10);

        store.sweepPins(now + 59_000);
        assertThat(pinned).exists();
        store.sweepPins(now + 60_001);
        assertThat(pinned).doesNotExist();
        assertThat(store.pinnedOrphanBytes()).isZero();
    }

    /** Files hold SQL and results: owner-only on the local disk, whatever the process umask. */
    @Test
    void everyFileAndFolderIsOwnerOnly() throws IOException {
        java.nio.file.Path dir = temp.resolve("perm");
        ResultStore store = new ResultStore(fileSystem(), new org.apache.hadoop.fs.Path(dir.toUri()));
        QueryId id = QueryId.random();
        store.create(ResultStoreContract.record(id));
        try (PendingResult pending = store.beginResult(id, FormatOptions.csvDefaults())) {
            pending.stream().write("a".getBytes(StandardCharsets.UTF_8));
            pending.commit();
        }
        store.recordOutcome(id, new QueryOutcome(QueryStatus.SUCCESSFUL, "done", 1));
        new NodeHeartbeats(fileSystem(), new org.apache.hadoop.fs.Path(dir.toUri())).beat("node-1", 1);
        try (java.util.stream.Stream<java.nio.file.Path> all = Files.walk(dir.resolve("async_query_result"))) {
            for (java.nio.file.Path path : (Iterable<java.nio.file.Path>) all::iterator) {
                String expected = Files.isDirectory(path) ? "rwx------" : "rw-------";
                assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(path))).as(path.toString()).isEqualTo(expected);
            }
        }
    }

    /** The store's failures are its own unchecked types that name the path; the file system's cause is kept. */
    @Test
    void aFailingFileSystemIsReportedAsUnavailableNamingThePath() throws IOException {
        // FAKE: a local file system whose listings fail, as they do when a NameNode cannot be reached.
        org.apache.hadoop.fs.LocalFileSystem failing = new org.apache.hadoop.fs.LocalFileSystem() {
            @Override
            public org.apache.hadoop.fs.FileStatus[] listStatus(org.apache.hadoop.fs.Path dir) throws IOException {
                throw new java.net.ConnectException("Connection refused");
            }
        };
        failing.initialize(java.net.URI.create("file:///"), new Configuration());
        ResultStore store = new ResultStore(failing, freshWorkingDir());
        QueryId id = QueryId.random();
        store.create(ResultStoreContract.record(id));

        String root = new org.apache.hadoop.fs.Path(failing.makeQualified(freshWorkingDir()), "async_query_result")
                .toString();
        org.assertj.core.api.Assertions.assertThatThrownBy(store::listQueryIds)
                .isInstanceOf(StorageUnavailableException.class).hasMessageContaining(root)
                .hasMessageContaining("Connection refused").hasCauseInstanceOf(java.net.ConnectException.class)
                .satisfies(e -> assertThat(((StoreException) e).path()).isEqualTo(root));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.result(id))
                .isInstanceOf(StorageUnavailableException.class).hasMessageContaining(root + "/" + id);
    }

    /**
     * A rename that fails is not a lost race: the outcome is not reported as "someone else's won" (which would
     * leave the query with no outcome at all), but as a failure the caller keeps and retries.
     */
    @Test
    void aFailedRenameOfAnOutcomeIsAFailureNotALostRace() throws IOException {
        // FAKE: a local file system whose renames say no while the flag is set, as a local rename does on an error.
        java.util.concurrent.atomic.AtomicBoolean refuseRenames = new java.util.concurrent.atomic.AtomicBoolean();
        org.apache.hadoop.fs.LocalFileSystem refusing = new org.apache.hadoop.fs.LocalFileSystem() {
            @Override
            public boolean rename(org.apache.hadoop.fs.Path src, org.apache.hadoop.fs.Path dst) throws IOException {
                return !refuseRenames.get() && super.rename(src, dst);
            }
        };
        refusing.initialize(java.net.URI.create("file:///"), new Configuration());
        ResultStore store = new ResultStore(refusing, freshWorkingDir());
        QueryId id = QueryId.random();
        store.create(ResultStoreContract.record(id));

        refuseRenames.set(true);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.recordOutcome(id,
                new QueryOutcome(QueryStatus.SUCCESSFUL, "done", 1))).isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("Could not rename");
        assertThat(store.findOutcome(id)).isEmpty();

        refuseRenames.set(false);
        assertThat(store.recordOutcome(id, new QueryOutcome(QueryStatus.SUCCESSFUL, "done", 1))).isTrue();
        assertThat(store.recordOutcome(id, new QueryOutcome(QueryStatus.FAILED, "late", 2))).isFalse();
        assertThat(store.findOutcome(id).orElseThrow().info()).isEqualTo("done");
    }
}
