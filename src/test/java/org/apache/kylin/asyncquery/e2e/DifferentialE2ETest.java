package org.apache.kylin.asyncquery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.kylin.asyncquery.e2e.ExportValues.Column;
import org.apache.kylin.asyncquery.e2e.ExportValues.Family;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each query runs twice: through the real server over HTTP (Calcite over {@code test-data/}), and in an
 * independent engine, DuckDB, over the same CSV files. The server exports each query as CSV (the separator and the
 * header vary from query to query), as JSON or JSON Lines, and as XLSX or Parquet, so that every format is compared
 * over dozens of queries while the test stays quick; the queries of every type's extreme values go out in all five. Every downloaded file is read back by that format's own
 * reader and compared value by value with DuckDB's result, and so are {@code metadata} (names and type families),
 * {@code result_rows} and {@code filestatus}.
 *
 * <p>Where the two engines legitimately differ, the comparison says so here, once:
 * <ul>
 *   <li>Calcite pads CHAR values (a CASE of literals is CHAR(n)); CHAR values compare without trailing spaces.</li>
 *   <li>Calcite's AVG (and division) of a DECIMAL keeps a DECIMAL type, DuckDB's is DOUBLE: a DECIMAL column may be
 *       DOUBLE in DuckDB, and DuckDB's value is rounded half-up to Calcite's declared scale before comparing.
 *       Calcite's AVG of an integer is an integer, so such queries cast in both engines.</li>
 *   <li>A SUM or AVG of doubles depends on the order of the additions: doubles agree to 12 significant digits.</li>
 *   <li>Integer types compare as numbers (DuckDB's SUM of INTEGER is HUGEINT, Calcite's is INTEGER).</li>
 *   <li>Where the dialects spell a function differently (FLOOR(d TO MONTH) against date_trunc), the case gives
 *       DuckDB its own SQL for the same question.</li>
 *   <li>CSV and XLSX cannot tell an empty text from NULL; text compares "" and NULL alike.</li>
 *   <li>DuckDB 1.1's CAST of a DECIMAL to a smaller scale truncates (927.9664 to 927.96); SQL's CAST, Calcite's
 *       declared type and the exports round half-up (927.97), so DuckDB is asked to ROUND first.</li>
 * </ul>
 * Calcite 1.37 also has defects of its own, which the exports faithfully carry: {@code x IN (subquery)} where x
 * is INTEGER and the subquery BIGINT finds no match at all, and SUM of an INTEGER wraps around past 2^31. Those
 * cases cast, so that they ask what a user would mean.
 */
class DifferentialE2ETest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Map.of("kylin.query.async.max-queries-per-user", "64",
            "kylin.query.async.queue-size", "256"));
    private static final char[] SEPARATORS = {',', '\t', ';', '|'};
    private static final ObjectMapper EXACT_JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    private static DuckDbReference duckDb;

    @TempDir
    static Path temp;

    @BeforeAll
    static void startTheReferenceEngine() throws Exception {
        duckDb = DuckDbReference.over(RunningServer.TEST_DATA);
    }

    @AfterAll
    static void stopTheReferenceEngine() throws Exception {
        duckDb.close();
    }

    /**
     * One question, asked of both engines: the same SQL, or where the dialects differ DuckDB's own. {@code number}
     * picks the formats that vary between cases (the CSV separator and header, JSON or JSON Lines, XLSX or Parquet).
     */
    record Case(String project, String sql, String duckSql, long offset, long limit, boolean ordered,
            boolean everyFormat, int number) {
        static Case of(String project, String sql) {
            return of(project, sql, sql);
        }

        static Case of(String project, String sql, String duckSql) {
            return new Case(project, sql, duckSql, 0, 0, true, false, 0);
        }

        Case unordered() {
            return new Case(project, sql, duckSql, offset, limit, false, everyFormat, number);
        }

        /** Exported in all five formats, not three. */
        Case inEveryFormat() {
            return new Case(project, sql, duckSql, offset, limit, ordered, true, number);
        }

        /** With the request's {@code offset} and {@code limit}; DuckDB's SQL says what they should make of it. */
        Case paged(long requestOffset, long requestLimit, String duckPaged) {
            return new Case(project, sql, duckPaged, requestOffset, requestLimit, ordered, everyFormat, number);
        }

        Case numbered(int position) {
            return new Case(project, sql, duckSql, offset, limit, ordered, everyFormat, position);
        }

        @Override
        public String toString() {
            String text = sql.replaceAll("\\s+", " ");
            return project + ": " + (text.length() > 110 ? text.substring(0, 110) + "..." : text)
                    + (offset > 0 || limit > 0 ? " [offset " + offset + ", limit " + limit + "]" : "");
        }
    }

    static Stream<Case> cases() {
        List<Case> all = DifferentialCases.all();
        return IntStream.range(0, all.size()).mapToObj(i -> all.get(i).numbered(i));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("cases")
    void everyFormatHoldsWhatAnIndependentEngineComputes(Case query) throws Exception {
        DuckDbReference.Result reference = duckDb.query(query.project(), query.duckSql());
        int number = query.number();
        char separator = SEPARATORS[number % SEPARATORS.length];
        boolean header = number % 2 == 0;
        Map<String, String> exports = new LinkedHashMap<>();
        exports.put("csv", submit(query, "\"format\":\"csv\",\"include_header\":" + header + ",\"separator\":"
                + ApiClient.JSON.writeValueAsString(String.valueOf(separator))));
        if (query.everyFormat() || number % 2 == 0) {
            exports.put("json", submit(query, "\"format\":\"json\""));
        }
        if (query.everyFormat() || number % 2 == 1) {
            exports.put("jsonl", submit(query, "\"format\":\"json\",\"json_lines\":true"));
        }
        if (query.everyFormat() || number / 2 % 2 == 0) {
            exports.put("xlsx", submit(query, "\"format\":\"xlsx\",\"include_header\":" + !header));
        }
        if (query.everyFormat() || number / 2 % 2 == 1) {
            exports.put("parquet", submit(query, "\"format\":\"parquet\""));
        }

        List<Column> columns = null;
        for (Map.Entry<String, String> export : exports.entrySet()) {
            String id = export.getValue();
            JsonNode done = SERVER.admin().awaitDone(id);
            assertThat(done.path("status").asText()).as(export.getKey() + ": " + done).isEqualTo("SUCCESSFUL");
            if (columns == null) {
                columns = columns(id, reference);
            }
            byte[] file = SERVER.admin().get("/async_query/" + id + "/result_download").bytes();
            assertThat(done.path("result_rows").asLong()).as("result_rows").isEqualTo(reference.rows().size());
            assertThat(SERVER.admin().get("/async_query/" + id + "/filestatus").json().path("data").asLong())
                    .as("filestatus").isEqualTo(file.length);
            List<List<Object>> rows = switch (export.getKey()) {
                case "csv" -> csv(file, columns, separator, header);
                case "json" -> json(file, columns, false);
                case "jsonl" -> json(file, columns, true);
                case "xlsx" -> xlsx(file, columns, !header);
                default -> parquet(file, columns);
            };
            compare(query, export.getKey(), expected(reference, columns), rows, columns);
        }
    }

    /** The server's columns: names and types from {@code metadata}, precision and scale as the engine declared. */
    private static List<Column> columns(String id, DuckDbReference.Result reference) throws IOException {
        JsonNode metadata = SERVER.admin().get("/async_query/" + id + "/metadata").json().path("data");
        JsonNode declared = ApiClient.JSON.readTree(SERVER.workingDir().resolve("async_query_result").resolve(id)
                .resolve("_columns.json").toFile());
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < metadata.get(0).size(); i++) {
            columns.add(new Column(metadata.get(0).get(i).asText(), metadata.get(1).get(i).asText(),
                    declared.get(i).path("precision").asInt(), declared.get(i).path("scale").asInt()));
        }
        assertThat(columns).extracting(c -> c.name().toUpperCase(Locale.ROOT)).as("column names")
                .containsExactlyElementsOf(reference.names().stream().map(n -> n.toUpperCase(Locale.ROOT)).toList());
        for (int i = 0; i < columns.size(); i++) {
            Family ours = columns.get(i).family();
            Family theirs = ExportValues.duckFamilyOf(reference.types().get(i));
            boolean avgType = ours == Family.DECIMAL && theirs == Family.DOUBLE;
            boolean text = (ours == Family.CHAR || ours == Family.TEXT) && theirs == Family.TEXT;
            assertThat(ours == theirs || avgType || text).as("type of " + columns.get(i) + " against DuckDB's "
                    + reference.types().get(i)).isTrue();
        }
        return columns;
    }

    private static List<List<Object>> expected(DuckDbReference.Result reference, List<Column> columns) {
        List<List<Object>> rows = new ArrayList<>();
        for (Object[] row : reference.rows()) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < row.length; i++) {
                values.add(ExportValues.expected(row[i], columns.get(i)));
            }
            rows.add(values);
        }
        return rows;
    }

    private static List<List<Object>> csv(byte[] file, List<Column> columns, char separator, boolean header)
            throws IOException {
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setDelimiter(separator).build()
                .parse(new InputStreamReader(new ByteArrayInputStream(file), StandardCharsets.UTF_8)).getRecords();
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < records.size(); r++) {
            CSVRecord record = records.get(r);
            assertThat(record.size()).as("fields of CSV record " + r).isEqualTo(columns.size());
            if (header && r == 0) {
                assertThat(record.values()).containsExactlyElementsOf(columns.stream().map(Column::name).toList());
                continue;
            }
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                values.add(ExportValues.fromText(record.get(i), columns.get(i)));
            }
            rows.add(values);
        }
        return rows;
    }

    private static List<List<Object>> json(byte[] file, List<Column> columns, boolean lines) throws IOException {
        List<JsonNode> objects = new ArrayList<>();
        if (lines) {
            for (String line : new String(file, StandardCharsets.UTF_8).split("\n")) {
                if (!line.isEmpty()) {
                    objects.add(EXACT_JSON.readTree(line));
                }
            }
        } else {
            EXACT_JSON.readTree(file).forEach(objects::add);
        }
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode object : objects) {
            assertThat(object.size()).isEqualTo(columns.size());
            List<Object> values = new ArrayList<>();
            List<String> fields = new ArrayList<>();
            object.fieldNames().forEachRemaining(fields::add);
            for (int i = 0; i < columns.size(); i++) {
                values.add(ExportValues.fromJson(object.get(fields.get(i)), columns.get(i)));
            }
            rows.add(values);
        }
        return rows;
    }

    private static List<List<Object>> xlsx(byte[] file, List<Column> columns, boolean header) throws IOException {
        List<List<Object>> rows = new ArrayList<>();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(file))) {
            Sheet sheet = workbook.getSheetAt(0);
            int first = header ? 1 : 0;
            if (header) {
                for (int i = 0; i < columns.size(); i++) {
                    assertThat(sheet.getRow(0).getCell(i).getStringCellValue()).isEqualTo(columns.get(i).name());
                }
            }
            for (int r = first; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                List<Object> values = new ArrayList<>();
                for (int i = 0; i < columns.size(); i++) {
                    values.add(row == null ? null : ExportValues.fromXlsx(row.getCell(i), columns.get(i)));
                }
                rows.add(values);
            }
        }
        return rows;
    }

    private static List<List<Object>> parquet(byte[] file, List<Column> columns) throws IOException {
        Path path = Files.createTempFile(temp, "export", ".parquet");
        Files.write(path, file);
        List<List<Object>> rows = new ArrayList<>();
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(),
                new org.apache.hadoop.fs.Path(path.toUri())).withConf(new Configuration()).build()) {
            for (Group row = reader.read(); row != null; row = reader.read()) {
                List<Object> values = new ArrayList<>();
                for (int i = 0; i < columns.size(); i++) {
                    values.add(ExportValues.fromParquet(row, i, columns.get(i)));
                }
                rows.add(values);
            }
        }
        return rows;
    }

    private static void compare(Case query, String format, List<List<Object>> expected, List<List<Object>> actual,
            List<Column> columns) {
        assertThat(actual).as(format + " rows").hasSameSizeAs(expected);
        if (!query.ordered()) {
            sort(expected);
            sort(actual);
        }
        boolean scaleKept = !format.equals("xlsx");
        for (int r = 0; r < expected.size(); r++) {
            for (int c = 0; c < columns.size(); c++) {
                Object want = expected.get(r).get(c);
                Object got = actual.get(r).get(c);
                if (!ExportValues.same(want, got, columns.get(c), scaleKept)) {
                    throw new AssertionError(format + ", row " + (r + 1) + ", column " + columns.get(c).name() + " ("
                            + columns.get(c).type() + "): expected " + describe(want) + " but the file holds "
                            + describe(got));
                }
            }
        }
    }

    private static void sort(List<List<Object>> rows) {
        rows.sort(Comparator.comparing(row -> String.join("\u0001",
                row.stream().map(ExportValues::sortKey).toList())));
    }

    private static String describe(Object value) {
        return value == null ? "NULL" : value + " (" + value.getClass().getSimpleName() + ")";
    }

    private static String submit(Case query, String formatOptions) throws IOException {
        String sql = ApiClient.JSON.writeValueAsString(query.sql());
        return SERVER.admin().submit("{\"sql\":" + sql + ",\"project\":\"" + query.project() + "\",\"offset\":"
                + query.offset() + ",\"limit\":" + query.limit() + "," + formatOptions + "}");
    }
}
