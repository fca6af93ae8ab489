package org.apache.kylin.rest.asyncquery.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Types;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.kylin.rest.asyncquery.engine.ColumnMeta;
import org.apache.kylin.rest.asyncquery.format.FormatOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store on a real local Hadoop file system ({@code file:}). */
class ResultStoreTest {
    @TempDir
    Path temp;
    ResultStore store;
    QueryId id = QueryId.random();

    @BeforeEach
    void setUp() throws IOException {
        org.apache.hadoop.fs.Path workingDir = new org.apache.hadoop.fs.Path(temp.toUri());
        store = new ResultStore(FileSystem.get(workingDir.toUri(), new Configuration()), workingDir);
    }

    @Test
    void recordRoundTripsAndUnknownIdsAreEmpty() throws IOException {
        store.create(record(id));
        QueryRecord read = store.findRecord(id).orElseThrow();
        assertThat(read.queryId()).isEqualTo(id);
        assertThat(read.owner()).isEqualTo("ANALYST");
        assertThat(read.formatOptions()).isEqualTo(new FormatOptions(
                org.apache.kylin.rest.asyncquery.format.ResultFormat.CSV, '\t', true));
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
        assertThat(temp.resolve("async_query_result").resolve(id.toString())).doesNotExist();
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
        Files.createDirectories(temp.resolve("async_query_result/not-a-query"));
        assertThat(store.listQueryIds()).containsExactlyInAnyOrder(id, other);
    }

    @Test
    void queryPathIsTheQualifiedFolder() {
        assertThat(store.queryPath(id)).isEqualTo("file:" + temp + "/async_query_result/" + id);
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

    private List<String> folderNames() throws IOException {
        try (var files = Files.list(temp.resolve("async_query_result").resolve(id.toString()))) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static QueryRecord record(QueryId id) {
        return new QueryRecord(id, "ANALYST", "learn_kylin", "select 1", 1000L, "node-a",
                new FormatOptions(org.apache.kylin.rest.asyncquery.format.ResultFormat.CSV, '\t', true));
    }
}
