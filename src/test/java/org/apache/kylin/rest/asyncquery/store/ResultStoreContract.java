package org.apache.kylin.rest.asyncquery.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Types;
import java.util.Arrays;
import java.util.List;

import org.apache.hadoop.fs.FileSystem;
import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;
import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryOutcome;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryRecord;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the store promises on any Hadoop file system; run on the local one ({@link LocalResultStoreTest}) and on
 * real HDFS ({@link HdfsResultStoreTest}).
 */
abstract class ResultStoreContract {
    FileSystem fs;
    org.apache.hadoop.fs.Path workingDir;
    ResultStore store;
    QueryId id = QueryId.random();

    /** The file system and working directory to test; a fresh directory for each test. */
    abstract FileSystem fileSystem() throws IOException;

    abstract org.apache.hadoop.fs.Path freshWorkingDir() throws IOException;

    @BeforeEach
    void setUp() throws IOException {
        fs = fileSystem();
        workingDir = fs.makeQualified(freshWorkingDir());
        store = new ResultStore(fs, workingDir);
    }

    @Test
    void recordRoundTripsAndUnknownIdsAreEmpty() throws IOException {
        store.create(record(id));
        QueryRecord read = store.findRecord(id).orElseThrow();
        assertThat(read.queryId()).isEqualTo(id);
        assertThat(read.owner()).isEqualTo("ANALYST");
        assertThat(read.formatOptions()).isEqualTo(FormatOptions.builder().separator('\t').includeHeader(true)
                .fileName("销售").encoding(FormatOptions.GBK).build());
        assertThat(store.findRecord(QueryId.random())).isEmpty();
        assertThat(store.findOutcome(id)).isEmpty();
    }

    @Test
    void theFirstOutcomeWins() throws IOException {
        store.create(record(id));
        assertThat(store.recordOutcome(id, new QueryOutcome(QueryStatus.FAILED, "cancelled", 1))).isTrue();
        assertThat(store.recordOutcome(id, new QueryOutcome(QueryStatus.SUCCESSFUL, "done", 2))).isFalse();
        assertThat(store.findOutcome(id).orElseThrow().info()).isEqualTo("cancelled");
    }

    @Test
    void aResultIsInvisibleUntilCommittedAndThenCounted() throws IOException {
        store.create(record(id));
        try (PendingResult pending = store.beginResult(id, "result.csv")) {
            pending.stream().write("a,b\r\n".getBytes(StandardCharsets.UTF_8));
            assertThat(store.resultFiles(id)).isEmpty();
            assertThat(store.resultSize(id)).isZero();
            assertThat(pending.commit()).isEqualTo(5);
        }
        assertThat(store.resultSize(id)).isEqualTo(5);
        try (InputStream in = store.openResult(store.resultFiles(id))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("a,b\r\n");
        }
        assertThat(folderNames()).contains("result.csv").noneMatch(n -> n.startsWith("_writing"));
    }

    @Test
    void anUncommittedResultIsDeletedOnClose() throws IOException {
        store.create(record(id));
        try (PendingResult pending = store.beginResult(id, "result.csv")) {
            pending.stream().write(new byte[100]);
        }
        assertThat(store.resultFiles(id)).isEmpty();
        assertThat(folderNames()).noneMatch(n -> n.contains("result.csv"));
    }

    @Test
    void writesForADeletedQueryFailInsteadOfRecreatingItsFolder() throws IOException {
        store.create(record(id));
        assertThat(store.delete(id)).isTrue();
        assertThatThrownBy(() -> store.beginResult(id, "result.csv")).isInstanceOf(QueryFolderGoneException.class);
        assertThatThrownBy(() -> store.recordOutcome(id, new QueryOutcome(QueryStatus.FAILED, "x", 1)))
                .isInstanceOf(QueryFolderGoneException.class);
        assertThat(fs.exists(queryDir())).isFalse();
    }

    @Test
    void columnsRoundTrip() throws IOException {
        store.create(record(id));
        List<ColumnMeta> columns = List.of(new ColumnMeta("GMV", "DECIMAL", Types.DECIMAL, 19, 4));
        store.writeColumns(id, columns);
        assertThat(store.readColumns(id)).isEqualTo(columns);
    }

    @Test
    void listsQueryFoldersAndIgnoresOtherEntries() throws IOException {
        assertThat(store.listQueryIds()).isEmpty();
        QueryId other = QueryId.random();
        store.create(record(id));
        store.create(record(other));
        fs.mkdirs(new org.apache.hadoop.fs.Path(workingDir, "async_query_result/not-a-query"));
        assertThat(store.listQueryIds()).containsExactlyInAnyOrder(id, other);
    }

    @Test
    void queryPathIsTheQualifiedFolder() {
        assertThat(store.queryPath(id)).isEqualTo(queryDir().toString()).endsWith("/async_query_result/" + id)
                .startsWith(fs.getUri().getScheme() + ":");
    }

    @Test
    void existsUntilDeleted() throws IOException {
        assertThat(store.exists(id)).isFalse();
        store.create(record(id));
        assertThat(store.exists(id)).isTrue();
        store.delete(id);
        assertThat(store.exists(id)).isFalse();
    }

    @Test
    void discardingResultsKeepsTheBookkeeping() throws IOException {
        store.create(record(id));
        try (PendingResult pending = store.beginResult(id, "result.csv")) {
            pending.stream().write(1);
            pending.commit();
        }
        store.discardResults(id);
        assertThat(store.resultFiles(id)).isEmpty();
        assertThat(store.findRecord(id)).isPresent();
    }

    @Test
    void heartbeatsRecordWhenANodeLastBeat() throws IOException {
        NodeHeartbeats heartbeats = new NodeHeartbeats(fs, workingDir);
        assertThat(heartbeats.lastBeat("host-a:7070")).isEmpty();
        heartbeats.beat("host-a:7070", 1_700_000_000_000L);
        assertThat(heartbeats.lastBeat("host-a:7070")).hasValue(1_700_000_000_000L);
        heartbeats.beat("host-a:7070", 1_700_000_005_000L);
        assertThat(heartbeats.lastBeat("host-a:7070")).hasValue(1_700_000_005_000L);
        assertThat(store.listQueryIds()).isEmpty();
    }

    @Test
    void resultFileNamesMustBeVisibleNames() throws IOException {
        store.create(record(id));
        assertThatThrownBy(() -> store.beginResult(id, "_query.json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.beginResult(id, "../x.csv")).isInstanceOf(IllegalArgumentException.class);
        try (OutputStream ignored = store.beginResult(id, "ok.csv").stream()) {
            // opening a visible name works
        }
    }

    @Test
    void filesAndFoldersGetTheConfiguredPermission() throws IOException {
        org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(workingDir, "shared");
        ResultStore groupReadable = new ResultStore(fs, dir, (short) 0640);
        groupReadable.create(record(id));
        try (PendingResult pending = groupReadable.beginResult(id, "result.csv")) {
            pending.stream().write(1);
            pending.commit();
        }
        org.apache.hadoop.fs.Path folder = new org.apache.hadoop.fs.Path(dir, "async_query_result/" + id);
        assertThat(fs.getFileStatus(folder.getParent()).getPermission().toShort()).isEqualTo((short) 0750);
        assertThat(fs.getFileStatus(folder).getPermission().toShort()).isEqualTo((short) 0750);
        for (org.apache.hadoop.fs.FileStatus file : fs.listStatus(folder)) {
            if (!file.getPath().getName().endsWith(".crc")) {
                assertThat(file.getPermission().toShort()).as(file.getPath().toString()).isEqualTo((short) 0640);
            }
        }
        assertThat(fs.getFileStatus(new org.apache.hadoop.fs.Path(folder, "_query.json")).getPermission().toShort())
                .isEqualTo((short) 0640);
    }

    private org.apache.hadoop.fs.Path queryDir() {
        return new org.apache.hadoop.fs.Path(workingDir, "async_query_result/" + id);
    }

    private List<String> folderNames() throws IOException {
        return Arrays.stream(fs.listStatus(queryDir())).map(s -> s.getPath().getName()).toList();
    }

    static QueryRecord record(QueryId id) {
        return new QueryRecord(id, "ANALYST", "learn_kylin", "select 1", 1000L, "node-a",
                FormatOptions.builder().separator('\t').includeHeader(true).fileName("销售")
                        .encoding(FormatOptions.GBK).build());
    }
}
