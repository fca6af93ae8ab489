package org.apache.kylin.rest.asyncquery.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Types;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.fs.FileSystem;
import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;
import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryOutcome;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryRecord;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryStatus;
import org.apache.kylin.rest.asyncquery.vocabulary.ResultFormat;
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
        try (PendingResult pending = store.beginResult(id, FormatOptions.csvDefaults())) {
            pending.stream().write("a,b\r\n".getBytes(StandardCharsets.UTF_8));
            assertThat(store.result(id).files()).isEmpty();
            assertThat(store.result(id).size()).isZero();
            assertThat(pending.commit()).isEqualTo(5);
        }
        assertThat(store.result(id).size()).isEqualTo(5);
        try (InputStream in = store.result(id).open(0)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("a,b\r\n");
        }
        assertThat(folderNames()).contains("result.csv").noneMatch(n -> n.startsWith("_writing"));
    }

    @Test
    void anUncommittedResultIsDeletedOnClose() throws IOException {
        store.create(record(id));
        try (PendingResult pending = store.beginResult(id, FormatOptions.csvDefaults())) {
            pending.stream().write(new byte[100]);
        }
        assertThat(store.result(id).files()).isEmpty();
        assertThat(folderNames()).noneMatch(n -> n.contains("result.csv"));
    }

    @Test
    void writesForADeletedQueryFailInsteadOfRecreatingItsFolder() throws IOException {
        store.create(record(id));
        assertThat(store.delete(id)).isTrue();
        assertThatThrownBy(() -> store.beginResult(id, FormatOptions.csvDefaults()))
                .isInstanceOf(QueryFolderGoneException.class);
        assertThatThrownBy(() -> store.recordOutcome(id, new QueryOutcome(QueryStatus.FAILED, "x", 1)))
                .isInstanceOf(QueryFolderGoneException.class);
        assertThat(fs.exists(queryDir())).isFalse();
    }

    @Test
    void theStoreNamesEachFormatsResultFileAsEveryServerReadsIt() throws IOException {
        store.create(record(id));
        Map<FormatOptions, String> names = new LinkedHashMap<>();
        names.put(FormatOptions.csvDefaults(), "result.csv");
        names.put(FormatOptions.builder().format(ResultFormat.JSON).build(), "result.json");
        names.put(FormatOptions.builder().format(ResultFormat.JSON).jsonLines(true).build(), "result.jsonl");
        names.put(FormatOptions.builder().format(ResultFormat.XLSX).build(), "result.xlsx");
        names.put(FormatOptions.builder().format(ResultFormat.PARQUET).build(), "result.parquet");
        for (Map.Entry<FormatOptions, String> format : names.entrySet()) {
            try (PendingResult pending = store.beginResult(id, format.getKey())) {
                pending.commit();
            }
            assertThat(store.result(id).files()).extracting(ResultFile::name).containsExactly(format.getValue());
            store.discardResults(id);
        }
    }

    /** What a distributed write leaves: ordered part files, which size, download, Range and ETag read as one. */
    @Test
    void aResultOfSeveralPartFilesReadsAsOneInNameOrder() throws IOException {
        store.create(record(id));
        // Committed out of order, as parallel writers finish: their names give the order.
        commitResultFile("part-00002.csv", "ghij");
        commitResultFile("part-00000.csv", "abc");
        commitResultFile("part-00001.csv", "def");

        StoredResult listed = store.result(id);
        assertThat(listed.files()).extracting(ResultFile::name)
                .containsExactly("part-00000.csv", "part-00001.csv", "part-00002.csv");
        assertThat(listed.files()).extracting(ResultFile::size).containsExactly(3L, 3L, 4L);
        assertThat(listed.size()).isEqualTo(10);
        StoredResult recorded = store.result(id, new QueryOutcome(QueryStatus.SUCCESSFUL, "done", 1, 3L, 10L));
        for (StoredResult result : List.of(listed, recorded)) {
            assertThat(result.size()).isEqualTo(10);
            assertThat(result.etagBasis()).isEqualTo(id + "-10");
            assertThat(read(result, 0, 100)).isEqualTo("abcdefghij");
            // A range from inside the first part to inside the last, one that starts on a boundary, the last byte.
            assertThat(read(result, 2, 6)).isEqualTo("cdefgh");
            assertThat(read(result, 3, 100)).isEqualTo("defghij");
            assertThat(read(result, 9, 100)).isEqualTo("j");
            assertThat(read(result, 10, 100)).isEmpty();
            // sendfile sends one file by name; several parts are streamed instead.
            assertThat(result.pinForSending(1_800_000_000_000L)).isEmpty();
        }
    }

    @Test
    void aResultIsSizedByItsOutcomeAndItsFilesAreListedOnlyToBeRead() throws IOException {
        store.create(record(id));
        commitResultFile("result.csv", "a,b\r\n");
        StoredResult result = store.result(id, new QueryOutcome(QueryStatus.SUCCESSFUL, "done", 1, 1L, 5L));
        store.delete(id);

        // Nothing was listed for the size, so the folder's deletion does not change it ...
        assertThat(result.size()).isEqualTo(5);
        assertThat(result.etagBasis()).isEqualTo(id + "-5");
        // ... but reading it finds the query gone, before a byte is handed out.
        assertThatThrownBy(() -> result.open(0)).isInstanceOf(QueryFolderGoneException.class)
                .hasMessageContaining(id.toString());
    }

    /** Files that do not add up to the recorded count (cut short, or the outcome edited) are never served. */
    @Test
    void filesThatDoNotHoldTheRecordedByteCountAreRefusedNotServedShortOrPadded() throws IOException {
        store.create(record(id));
        commitResultFile("result.csv", "a,b\r\n");
        for (long recorded : new long[] {4, 6, 0}) {
            StoredResult result = store.result(id, new QueryOutcome(QueryStatus.SUCCESSFUL, "done", 1, 1L, recorded));
            assertThatThrownBy(() -> result.open(0)).isInstanceOf(MalformedStoredFileException.class)
                    .hasMessageContaining("holds 5 bytes, but its outcome recorded " + recorded)
                    .satisfies(e -> assertThat(((StoreException) e).path()).isEqualTo(queryDir().toString()));
            assertThatThrownBy(() -> result.pinForSending(1)).isInstanceOf(MalformedStoredFileException.class);
        }
        try (InputStream in = store.result(id, new QueryOutcome(QueryStatus.SUCCESSFUL, "done", 1, 1L, 5L))
                .open(0)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("a,b\r\n");
        }
    }

    /**
     * A delete renames the folder away while a reader lists it: the listing misses files, and the reader must see
     * a deleted query (404), not a damaged one (503). FAKE race: the file system drops a file from the listing and
     * moves the folder away, as a delete on another thread would between the two.
     */
    @Test
    void aListingThatRacedADeleteReadsAsGoneNotDamaged() throws IOException {
        store.create(record(id));
        commitResultFile("result.csv", "a,b\r\n");
        org.apache.hadoop.fs.Path dir = queryDir();
        org.apache.hadoop.fs.Path away = new org.apache.hadoop.fs.Path(workingDir, "elsewhere");
        FileSystem racing = new org.apache.hadoop.fs.FilterFileSystem(fs) {
            @Override
            public org.apache.hadoop.fs.FileStatus[] listStatus(org.apache.hadoop.fs.Path path) throws IOException {
                org.apache.hadoop.fs.FileStatus[] listed = super.listStatus(path);
                if (!path.equals(dir)) {
                    return listed;
                }
                fs.rename(dir, away);
                return Arrays.stream(listed).filter(s -> !s.getPath().getName().startsWith("result"))
                        .toArray(org.apache.hadoop.fs.FileStatus[]::new);
            }
        };
        StoredResult result = new ResultStore(racing, workingDir)
                .result(id, new QueryOutcome(QueryStatus.SUCCESSFUL, "done", 1, 1L, 5L));
        assertThatThrownBy(() -> result.open(0)).isInstanceOf(QueryFolderGoneException.class);
    }

    @Test
    void anOutcomeWithoutAByteCountAsOlderVersionsWroteIsSizedByListing() throws IOException {
        store.create(record(id));
        commitResultFile("result.csv", "a,b\r\n");
        assertThat(store.result(id, new QueryOutcome(QueryStatus.SUCCESSFUL, "done", 1)).size()).isEqualTo(5);
        assertThatThrownBy(() -> store.result(id, new QueryOutcome(QueryStatus.FAILED, "no", 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsOfADeletedQueryFailAsGoneNamingThePath() {
        store.create(record(id));
        store.writeColumns(id, List.of(new ColumnMeta("N", "INTEGER", Types.INTEGER, 10, 0)));
        store.delete(id);
        assertThatThrownBy(() -> store.readColumns(id)).isInstanceOf(QueryFolderGoneException.class)
                .hasMessageContaining(queryDir() + "/_columns.json")
                .satisfies(e -> assertThat(((StoreException) e).path()).isEqualTo(queryDir() + "/_columns.json"));
        assertThatThrownBy(() -> store.result(id)).isInstanceOf(QueryFolderGoneException.class)
                .hasMessageContaining(queryDir().toString());
        assertThatThrownBy(() -> store.discardUnfinishedWrites(id)).isInstanceOf(QueryFolderGoneException.class);
    }

    /**
     * A distributed writer's parts become the result in partition order (Spark numbers its parts; ten sorts before
     * nine by name), between the server's head and tail, empty parts left out, the JSON array's last comma cut; the
     * folder is gone afterwards and nothing but the result files is visible.
     */
    @Test
    void partsAreCommittedInPartitionOrderBetweenHeadAndTail() throws IOException {
        store.create(record(id));
        FormatOptions json = FormatOptions.builder().format(ResultFormat.JSON).build();
        String folder;
        try (PendingParts parts = store.beginParts(id, json)) {
            folder = parts.folder();
            writePart(folder, "part-00010-abc-c000.txt", "{\"n\":10},");
            writePart(folder, "part-00009-abc-c000.txt", "{\"n\":9},");
            writePart(folder, "part-00002-abc-c000.txt", "");
            writePart(folder, "part-00001-abc-c000.txt", "{\"n\":1},");
            writePart(folder, "_SUCCESS", "");
            writePart(folder, ".part-00001-abc-c000.txt.crc", "crc");
            assertThat(parts.parts()).extracting(ResultFile::name).containsExactly("part-00001-abc-c000.txt",
                    "part-00002-abc-c000.txt", "part-00009-abc-c000.txt", "part-00010-abc-c000.txt");
            // Nothing of it is visible while it is written.
            assertThat(store.result(id).files()).isEmpty();
            long bytes = parts.commit(new byte[] {'['}, new byte[] {']', '\n'}, 1);
            assertThat(bytes).isEqualTo("[{\"n\":1},{\"n\":9},{\"n\":10}]\n".length());
        }
        StoredResult result = store.result(id);
        assertThat(result.files()).extracting(ResultFile::name).containsExactly("result-000000000.json",
                "result-000000001.json", "result-000000002.json", "result-000000003.json", "result-000000004.json");
        assertThat(read(result, 0, (int) result.size())).isEqualTo("[{\"n\":1},{\"n\":9},{\"n\":10}]\n");
        assertThat(fs.exists(new org.apache.hadoop.fs.Path(folder))).isFalse();
        // Written with another process's umask, the parts get the store's own file bits.
        for (ResultFile file : result.files()) {
            assertThat(fs.getFileStatus(file.path()).getPermission().toShort()).as(file.name())
                    .isEqualTo(ResultStore.DEFAULT_FILE_PERMISSION);
        }
    }

    /** A write that fails or is cancelled leaves nothing: closing without a commit removes the folder. */
    @Test
    void partsNotCommittedLeaveNothingBehind() throws IOException {
        store.create(record(id));
        String folder;
        try (PendingParts parts = store.beginParts(id, FormatOptions.builder().build())) {
            folder = parts.folder();
            writePart(folder, "part-00000-abc-c000.csv", "a,b\r\n");
        }
        assertThat(fs.exists(new org.apache.hadoop.fs.Path(folder))).isFalse();
        assertThat(folderNames()).allMatch(name -> name.startsWith("_query"));
        // The folder a crashed server left is removed with the other unfinished writes.
        PendingParts crashed = store.beginParts(id, FormatOptions.builder().build());
        writePart(crashed.folder(), "part-00000-abc-c000.csv", "a,b\r\n");
        store.discardUnfinishedWrites(id);
        assertThat(fs.exists(new org.apache.hadoop.fs.Path(crashed.folder()))).isFalse();
    }

    @Test
    void partsOfADeletedQueryAreRefusedAsGone() {
        assertThatThrownBy(() -> store.beginParts(QueryId.random(), FormatOptions.builder().build()))
                .isInstanceOf(QueryFolderGoneException.class);
    }

    private void writePart(String folder, String name, String content) throws IOException {
        try (OutputStream out = fs.create(new org.apache.hadoop.fs.Path(folder, name))) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
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
        try (PendingResult pending = store.beginResult(id, FormatOptions.csvDefaults())) {
            pending.stream().write(1);
            pending.commit();
        }
        store.discardResults(id);
        assertThat(store.result(id).files()).isEmpty();
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
        try (PendingResult pending = groupReadable.beginResult(id, FormatOptions.csvDefaults())) {
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

    @Test
    void aRecordKeepsTheRequestsPagingAndOldRecordsReadAsNone() throws IOException {
        QueryRecord paged = new QueryRecord(id, "ANALYST", "learn_kylin", "select 1", 1000L, "node-a",
                FormatOptions.csvDefaults(), org.apache.kylin.rest.asyncquery.vocabulary.Paging.of(5, 10));
        store.create(paged);
        QueryRecord read = new ResultStore(fs, workingDir).findRecord(id).orElseThrow();
        assertThat(read.paging().offset()).isEqualTo(5);
        assertThat(read.paging().limit()).isEqualTo(10);
        QueryId other = QueryId.random();
        store.create(record(other));
        assertThat(new ResultStore(fs, workingDir).findRecord(other).orElseThrow().paging())
                .isEqualTo(org.apache.kylin.rest.asyncquery.vocabulary.Paging.NONE);
    }

    @Test
    void anIndexNameIsClaimedOnceAndIsEachOwnersOwn() {
        QueryIndex index = new QueryIndex(fs, workingDir, ResultStore.DEFAULT_FILE_PERMISSION);
        QueryId first = QueryId.random();
        QueryId second = QueryId.random();
        assertThat(index.find(QueryIndex.Kind.REQUEST_KEY, "ANALYST", "k1")).isEmpty();

        assertThat(index.claim(QueryIndex.Kind.REQUEST_KEY, "ANALYST", "k1", first, 10).queryId()).isEqualTo(first);
        IndexEntry standing = index.claim(QueryIndex.Kind.REQUEST_KEY, "ANALYST", "k1", second, 20);
        assertThat(standing.queryId()).isEqualTo(first);
        assertThat(standing.owner()).isEqualTo("ANALYST");
        assertThat(standing.createdAtMillis()).isEqualTo(10);

        assertThat(index.claim(QueryIndex.Kind.REQUEST_KEY, "MODELER", "k1", second, 30).queryId()).isEqualTo(second);
        assertThat(index.find(QueryIndex.Kind.REUSE, "ANALYST", "k1")).isEmpty();
        assertThat(new QueryIndex(fs, workingDir, ResultStore.DEFAULT_FILE_PERMISSION)
                .find(QueryIndex.Kind.REQUEST_KEY, "ANALYST", "k1").orElseThrow().queryId()).isEqualTo(first);
        assertThat(index.list(QueryIndex.Kind.REQUEST_KEY)).extracting(IndexEntry::queryId)
                .containsExactlyInAnyOrder(first, second);
        assertThat(store.listQueryIds()).isEmpty();
    }

    @Test
    void aReleaseRemovesOnlyTheEntryItReadAndFreesTheName() {
        QueryIndex index = new QueryIndex(fs, workingDir, ResultStore.DEFAULT_FILE_PERMISSION);
        QueryId first = QueryId.random();
        QueryId second = QueryId.random();
        IndexEntry stale = index.claim(QueryIndex.Kind.REQUEST_KEY, "ANALYST", "k", first, 10);

        assertThat(index.release(stale)).isTrue();
        assertThat(index.find(QueryIndex.Kind.REQUEST_KEY, "ANALYST", "k")).isEmpty();
        assertThat(index.release(stale)).isFalse();

        // Another server claimed the name anew after this one read the stale entry: its release must not undo that.
        index.claim(QueryIndex.Kind.REQUEST_KEY, "ANALYST", "k", second, 20);
        assertThat(index.release(stale)).isFalse();
        assertThat(index.find(QueryIndex.Kind.REQUEST_KEY, "ANALYST", "k").orElseThrow().queryId())
                .isEqualTo(second);
        assertThat(index.list(QueryIndex.Kind.REQUEST_KEY)).hasSize(1);
    }

    @Test
    void aPutReplacesTheEntry() {
        QueryIndex index = new QueryIndex(fs, workingDir, ResultStore.DEFAULT_FILE_PERMISSION);
        QueryId first = QueryId.random();
        QueryId second = QueryId.random();
        index.put(QueryIndex.Kind.REUSE, "ANALYST", "select 1", first, 10);
        index.put(QueryIndex.Kind.REUSE, "ANALYST", "select 1", second, 20);
        assertThat(index.find(QueryIndex.Kind.REUSE, "ANALYST", "select 1").orElseThrow().queryId())
                .isEqualTo(second);
        assertThat(index.list(QueryIndex.Kind.REUSE)).hasSize(1);
    }

    /** Servers sharing the directory each have their own index object; of their claims at once, one wins. */
    @Test
    void ofManyClaimsAtOnceExactlyOneWins() throws Exception {
        int claimants = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(claimants);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<QueryId[]>> claims = new java.util.ArrayList<>();
            for (int i = 0; i < claimants; i++) {
                QueryIndex own = new QueryIndex(fs, workingDir, ResultStore.DEFAULT_FILE_PERMISSION);
                QueryId mine = QueryId.random();
                claims.add(pool.submit(() -> {
                    start.await();
                    return new QueryId[] {mine,
                        own.claim(QueryIndex.Kind.REQUEST_KEY, "ANALYST", "same", mine, 1).queryId()};
                }));
            }
            start.countDown();
            java.util.Set<QueryId> standing = new java.util.HashSet<>();
            int won = 0;
            for (java.util.concurrent.Future<QueryId[]> claim : claims) {
                QueryId[] result = claim.get();
                standing.add(result[1]);
                won += result[0].equals(result[1]) ? 1 : 0;
            }
            assertThat(standing).hasSize(1);
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Commits one visible result file by the store's own write path, under the given name. */
    void commitResultFile(String name, String content) throws IOException {
        try (PendingResult pending = store.beginResult(id, name)) {
            pending.stream().write(content.getBytes(StandardCharsets.UTF_8));
            pending.commit();
        }
    }

    private static String read(StoredResult result, long offset, int length) throws IOException {
        try (InputStream in = result.open(offset)) {
            return new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }
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
