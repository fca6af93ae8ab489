package org.apache.kylin.rest.asyncquery.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Types;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;
import org.apache.kylin.rest.asyncquery.vocabulary.Compression;
import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryOutcome;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryProgress;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryRecord;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryStatus;
import org.apache.kylin.rest.asyncquery.vocabulary.ResultFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The store's one parser per stored JSON file: what the previous version wrote still reads (several servers of
 * different versions share a working directory), every value round-trips, and a damaged file is refused with its
 * path named.
 */
class StoredJsonParsersTest {
    private static final QueryId ID = QueryId.parse("0f8fad5b-d9cb-469f-a165-70867728950e").orElseThrow();

    @Test
    void aRecordWrittenByThePreviousVersionReadsWithEveryOption() throws IOException {
        String previous = "{\"owner\":\"ANALYST\",\"project\":\"ssb\",\"sql\":\"select 1\",\"submitted_at\":1700000000000,"
                + "\"node\":\"n1\",\"format_options\":{\"format\":\"CSV\",\"separator\":\"\\t\",\"include_header\":true,"
                + "\"encoding\":\"gbk\",\"file_name\":\"销售\",\"bom\":true,\"json_lines\":false},"
                + "\"query_id\":\"0f8fad5b-d9cb-469f-a165-70867728950e\"}";
        QueryRecord record = RecordParser.fromJson(stream(previous));
        assertThat(record.queryId()).isEqualTo(ID);
        assertThat(record.owner()).isEqualTo("ANALYST");
        assertThat(record.project()).isEqualTo("ssb");
        assertThat(record.sql()).isEqualTo("select 1");
        assertThat(record.submittedAtMillis()).isEqualTo(1_700_000_000_000L);
        assertThat(record.node()).isEqualTo("n1");
        assertThat(record.formatOptions()).isEqualTo(FormatOptions.builder().separator('\t').includeHeader(true)
                .encoding(FormatOptions.GBK).fileName("销售").byteOrderMark(true).build());
    }

    @Test
    void aRecordFromBeforeFormatOptionsExistedTakesTheDefaults() throws IOException {
        QueryRecord oldest = RecordParser.fromJson(stream("{\"query_id\":\"" + ID + "\",\"owner\":\"A\","
                + "\"project\":\"p\",\"sql\":\"select 1\",\"submitted_at\":5,\"node\":\"n\"}"));
        assertThat(oldest.formatOptions()).isEqualTo(FormatOptions.csvDefaults());
        QueryRecord partial = RecordParser.fromJson(stream("{\"query_id\":\"" + ID + "\",\"owner\":\"A\","
                + "\"project\":\"p\",\"sql\":\"select 1\",\"submitted_at\":5,\"node\":\"n\","
                + "\"format_options\":{\"format\":\"JSON\",\"later_option\":7}}"));
        assertThat(partial.formatOptions()).isEqualTo(FormatOptions.builder().format(ResultFormat.JSON).build());
    }

    @Test
    void everyValueRoundTrips() throws IOException {
        for (ResultFormat format : ResultFormat.values()) {
            QueryRecord record = new QueryRecord(QueryId.random(), "用户", "p\"q", "select '\\n'\n", 42, "node-1",
                    FormatOptions.builder().format(format).separator(';').includeHeader(true).fileName("a b")
                            .jsonLines(format == ResultFormat.JSON).build());
            QueryRecord read = RecordParser.fromJson(stream(RecordParser.toJson(record)));
            assertThat(read).usingRecursiveComparison().isEqualTo(record);
            for (Compression compression : Compression.allowedFor(format)) {
                QueryRecord compressed = new QueryRecord(QueryId.random(), "A", "p", "select 1", 42, "node-1",
                        FormatOptions.builder().format(format).compression(compression).build());
                assertThat(RecordParser.fromJson(stream(RecordParser.toJson(compressed))).formatOptions()
                        .compression()).isEqualTo(compression);
            }
        }
        QueryOutcome success = new QueryOutcome(QueryStatus.SUCCESSFUL, "", 9, 3L, 1L << 40);
        assertThat(OutcomeParser.fromJson(stream(OutcomeParser.toJson(success)))).usingRecursiveComparison()
                .isEqualTo(success);
        QueryOutcome failure = new QueryOutcome(QueryStatus.FAILED, "Table 'X' not found", 9);
        assertThat(new String(OutcomeParser.toJson(failure), StandardCharsets.UTF_8)).doesNotContain("rows")
                .doesNotContain("bytes");
        assertThat(OutcomeParser.fromJson(stream(OutcomeParser.toJson(failure)))).usingRecursiveComparison()
                .isEqualTo(failure);
        for (QueryProgress progress : List.of(QueryProgress.queued(3), new QueryProgress(null, 7L, 10, 20))) {
            assertThat(ProgressParser.fromJson(stream(ProgressParser.toJson(progress)))).usingRecursiveComparison()
                    .isEqualTo(progress);
        }
        List<ColumnMeta> columns = List.of(new ColumnMeta("N", "DECIMAL", Types.DECIMAL, 19, 4),
                new ColumnMeta("名", "VARCHAR", Types.VARCHAR, 0, 0));
        assertThat(ColumnsParser.fromJson(stream(ColumnsParser.toJson(columns)))).isEqualTo(columns);
    }

    @Test
    void theWrittenFieldNamesAreTheOnesEveryVersionReadsSoMixedServersShareADirectory() {
        assertThat(new String(OutcomeParser.toJson(new QueryOutcome(QueryStatus.SUCCESSFUL, "ok", 9, 3L, 4L)),
                StandardCharsets.UTF_8))
                .isEqualTo("{\"status\":\"SUCCESSFUL\",\"info\":\"ok\",\"finished_at\":9,\"rows\":3,\"bytes\":4}");
        assertThat(new String(ProgressParser.toJson(QueryProgress.queued(2)), StandardCharsets.UTF_8))
                .isEqualTo("{\"queue_position\":2,\"rows_written\":0,\"bytes_written\":0}");
        assertThat(new String(ColumnsParser.toJson(List.of(new ColumnMeta("A", "INTEGER", Types.INTEGER, 10, 0))),
                StandardCharsets.UTF_8))
                .isEqualTo("[{\"name\":\"A\",\"type_name\":\"INTEGER\",\"jdbc_type\":4,\"precision\":10,\"scale\":0}]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "[]", "null", "{\"owner\":\"A\"}", "{\"query_id\":\"../../etc\",\"owner\":\"A\","
            + "\"project\":\"p\",\"sql\":\"s\",\"submitted_at\":1,\"node\":\"n\"}",
            "{\"query_id\":\"0f8fad5b-d9cb-469f-a165-70867728950e\",\"owner\":7,\"project\":\"p\",\"sql\":\"s\","
                    + "\"submitted_at\":1,\"node\":\"n\"}",
            "{\"query_id\":\"0f8fad5b-d9cb-469f-a165-70867728950e\",\"owner\":\"A\",\"project\":\"p\",\"sql\":\"s\","
                    + "\"submitted_at\":1,\"node\":\"n\",\"format_options\":{\"format\":\"EXE\"}}",
            "{\"query_id\":\"0f8fad5b-d9cb-469f-a165-70867728950e\",\"owner\":\"A\",\"project\":\"p\",\"sql\":\"s\","
                    + "\"submitted_at\":1,\"node\":\"n\",\"format_options\":{\"separator\":\"ab\"}}",
            "{\"query_id\":\"0f8fad5b-d9cb-469f-a165-70867728950e\",\"owner\":\"A\",\"project\":\"p\",\"sql\":\"s\","
                    + "\"submitted_at\":1,\"node\":\"n\",\"format_options\":{\"compression\":\"BROTLI\"}}",
            "{\"query_id\":\"0f8fad5b-d9cb-469f-a165-70867728950e\",\"owner\":\"A\",\"project\":\"p\",\"sql\":\"s\","
                    + "\"submitted_at\":1,\"node\":\"n\",\"format_options\":{\"format\":\"XLSX\",\"compression\":\"GZIP\"}}"})
    void aDamagedRecordIsRefusedNamingItsFile(String damaged, @TempDir Path dir) throws IOException {
        FileSystem fs = FileSystem.getLocal(new Configuration());
        ResultStore store = new ResultStore(fs, new org.apache.hadoop.fs.Path(dir.toUri()));
        store.create(new QueryRecord(ID, "A", "p", "s", 1, "n", FormatOptions.csvDefaults()));
        Path record = dir.resolve("async_query_result").resolve(ID.toString()).resolve("_query.json");
        assertThat(record).exists();
        Files.write(record, damaged.getBytes(StandardCharsets.UTF_8));
        // Damaged past Hadoop's checksum too, as a hand edit or another writer would leave it.
        Files.deleteIfExists(record.resolveSibling("._query.json.crc"));
        ResultStore fresh = new ResultStore(fs, new org.apache.hadoop.fs.Path(dir.toUri()));
        assertThatThrownBy(() -> fresh.findRecord(ID)).isInstanceOf(MalformedStoredFileException.class)
                .hasMessageContaining(ID + "/_query.json").hasMessageContaining("malformed");
    }

    @Test
    void aDamagedOutcomeOrColumnsFileIsRefusedNamingTheFieldAtFault() {
        assertThatThrownBy(() -> OutcomeParser.fromJson(stream("{\"status\":\"RUNNING\",\"info\":\"\","
                + "\"finished_at\":1}"))).isInstanceOf(MalformedStoredFileException.class).hasMessageContaining("status");
        assertThatThrownBy(() -> OutcomeParser.fromJson(stream("{\"status\":\"FAILED\",\"info\":\"\","
                + "\"finished_at\":1.5}"))).hasMessageContaining("finished_at");
        assertThatThrownBy(() -> ColumnsParser.fromJson(stream("[{\"name\":\"A\",\"type_name\":\"INTEGER\","
                + "\"jdbc_type\":4,\"precision\":99999999999,\"scale\":0}]"))).hasMessageContaining("precision");
        assertThatThrownBy(() -> OutcomeParser.fromJson(stream("{\"status\":\"SUCCESSFUL\",\"info\":\"\","
                + "\"finished_at\":1,\"rows\":1,\"bytes\":-5}"))).hasMessageContaining("'bytes' is negative");
        assertThatThrownBy(() -> OutcomeParser.fromJson(stream("{\"status\":\"SUCCESSFUL\",\"info\":\"\","
                + "\"finished_at\":1,\"rows\":-1,\"bytes\":5}"))).hasMessageContaining("'rows' is negative");
        assertThatThrownBy(() -> ProgressParser.fromJson(stream("{\"rows_written\":1}")))
                .hasMessageContaining("bytes_written");
    }

    private static InputStream stream(String json) {
        return stream(json.getBytes(StandardCharsets.UTF_8));
    }

    private static InputStream stream(byte[] json) {
        return new ByteArrayInputStream(json);
    }
}
