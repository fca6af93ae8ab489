package org.apache.kylin.rest.asyncquery.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

/**
 * The download-link key file, the same on any file system: made once, owner-only, read back by every later server
 * and restart, and of servers racing to make it, all end up with one key.
 */
abstract class DownloadLinkKeyFileContract {
    abstract FileSystem fileSystem() throws IOException;

    abstract Path freshWorkingDir();

    @Test
    void theFirstServerMakesAnOwnerOnlyKeyThatEveryLaterOneReads() throws IOException {
        Path workingDir = freshWorkingDir();
        byte[] first = new DownloadLinkKeyFile(fileSystem(), workingDir).readOrCreate();
        assertThat(first).hasSize(32);
        Path file = new Path(new Path(workingDir, QueryLayout.RESULT_ROOT), QueryLayout.LINK_KEY);
        FileStatus status = fileSystem().getFileStatus(file);
        assertThat(status.getPermission().toShort()).isEqualTo((short) 0600);
        assertThat(status.getLen()).isEqualTo(44);

        assertThat(new DownloadLinkKeyFile(fileSystem(), workingDir).readOrCreate()).isEqualTo(first);
        assertThat(new DownloadLinkKeyFile(fileSystem(), workingDir).readOrCreate()).isEqualTo(first);
        assertThat(new DownloadLinkKeyFile(fileSystem(), freshWorkingDir()).readOrCreate()).isNotEqualTo(first);
        assertThat(temporaryFiles(workingDir)).isEmpty();
    }

    @Test
    void serversRacingToMakeTheKeyAllUseTheOneThatLanded() throws Exception {
        Path workingDir = freshWorkingDir();
        int servers = 8;
        ExecutorService threads = Executors.newFixedThreadPool(servers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<byte[]>> keys = new ArrayList<>();
            for (int i = 0; i < servers; i++) {
                DownloadLinkKeyFile server = new DownloadLinkKeyFile(fileSystem(), workingDir, new SecureRandom());
                keys.add(threads.submit(() -> {
                    start.await();
                    return server.readOrCreate();
                }));
            }
            start.countDown();
            byte[] winner = new DownloadLinkKeyFile(fileSystem(), workingDir).readOrCreate();
            for (Future<byte[]> key : keys) {
                assertThat(key.get()).isEqualTo(winner);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(temporaryFiles(workingDir)).isEmpty();
    }

    @Test
    void aFileHoldingNoKeyIsReportedNotReplaced() throws IOException {
        Path workingDir = freshWorkingDir();
        Path file = new Path(new Path(workingDir, QueryLayout.RESULT_ROOT), QueryLayout.LINK_KEY);
        for (String content : new String[] {"", "short\n", "not base64 !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
            "A".repeat(5000)}) {
            try (OutputStream out = fileSystem().create(file, true)) {
                out.write(content.getBytes(StandardCharsets.US_ASCII));
            }
            assertThatThrownBy(() -> new DownloadLinkKeyFile(fileSystem(), workingDir).readOrCreate())
                    .isInstanceOf(MalformedStoredFileException.class).hasMessageContaining(file.getName());
        }
        byte[] longer = new byte[64];
        try (OutputStream out = fileSystem().create(file, true)) {
            out.write(Base64.getUrlEncoder().encode(longer));
        }
        assertThat(new DownloadLinkKeyFile(fileSystem(), workingDir).readOrCreate()).isEqualTo(longer);
    }

    private List<String> temporaryFiles(Path workingDir) throws IOException {
        List<String> names = new ArrayList<>();
        for (FileStatus status : fileSystem().listStatus(new Path(workingDir, QueryLayout.RESULT_ROOT))) {
            if (status.getPath().getName().contains(QueryLayout.TEMP_PREFIX)) {
                names.add(status.getPath().getName());
            }
        }
        return names;
    }
}
