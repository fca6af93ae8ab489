package org.apache.kylin.asyncquery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Spark engine's two routes give the same download: one server lets Spark's executors write the result as part
 * files ({@code kylin.query.async.spark-route=true}), the other pulls every row through the server into its own
 * writers ({@code false}); for each format the downloads are equal byte for byte (Parquet: the same schema and rows,
 * as Spark's writer and the server's differ in bytes, and one valid file). Over TYPE_SAMPLE's awkward values, and an
 * ordered learn_kylin result spread over several partitions, whose order must survive the parts.
 */
class SparkDifferentialE2ETest {
    private static final String TYPE_SAMPLE = "select * from TYPE_SAMPLE order by ID";
    /** Range-partitioned into 4 partitions by the hint, sorted within each: several part files, one order. */
    private static final String ORDERED_SALES = "select /*+ REPARTITION_BY_RANGE(4, TRANS_ID) */ TRANS_ID, PART_DT,"
            + " LSTG_FORMAT_NAME, PRICE, SLR_SEGMENT_CD, OPS_REGION from KYLIN_SALES order by TRANS_ID";

    static Path temp;
    static RunningServer executors;
    static RunningServer driver;

    @BeforeAll
    static void start() throws Exception {
        temp = Files.createTempDirectory("spark-differential");
        executors = RunningServer.startSpark(Files.createDirectories(temp.resolve("executors")), null,
                Map.of("kylin.query.async.spark-route", "true"));
        driver = RunningServer.startSpark(Files.createDirectories(temp.resolve("driver")), null,
                Map.of("kylin.query.async.spark-route", "false"));
    }

    @AfterAll
    static void stop() throws IOException {
        try {
            if (executors != null) {
                executors.close();
            }
            if (driver != null) {
                driver.close();
            }
        } finally {
            try (Stream<Path> files = Files.walk(temp)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    static Stream<Arguments> textFormats() {
        List<Arguments> cases = new ArrayList<>();
        String[] options = {"\"format\":\"csv\"", "\"format\":\"csv\",\"separator\":\";\",\"include_header\":true",
            "\"format\":\"csv\",\"separator\":\"\\t\"", "\"format\":\"csv\",\"include_header\":true",
            "\"format\":\"csv\",\"encode\":\"gbk\",\"include_header\":true", "\"format\":\"json\"",
            "\"format\":\"json\",\"json_lines\":true", "\"format\":\"xlsx\",\"include_header\":true",
            // Text stored compressed is one stream the server writes: the executors' server streams it too.
            "\"format\":\"csv\",\"include_header\":true,\"compression\":\"zstd\"",
            "\"format\":\"json\",\"compression\":\"gzip\""};
        for (String option : options) {
            if (!option.contains("gbk")) { // TYPE_SAMPLE holds characters GBK lacks: that export fails on both
                cases.add(Arguments.of("DEFAULT", TYPE_SAMPLE, option));
            }
            cases.add(Arguments.of("learn_kylin", ORDERED_SALES, option));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("textFormats")
    void bothRoutesDownloadTheSameBytes(String project, String sql, String options) throws IOException {
        String body = "{\"sql\":\"" + sql + "\",\"project\":\"" + project + "\"," + options + "}";
        String viaExecutors = executors.admin().runToSuccess(body);
        String viaDriver = driver.admin().runToSuccess(body);

        ApiClient.Response fromExecutors = executors.admin().get("/async_query/" + viaExecutors + "/result");
        ApiClient.Response fromDriver = driver.admin().get("/async_query/" + viaDriver + "/result");
        assertThat(fromExecutors.status()).isEqualTo(200);
        assertThat(fromDriver.status()).isEqualTo(200);
        if (options.contains("xlsx")) {
            // A workbook records when it was written: the same cells, not the same bytes.
            assertThat(cells(fromExecutors.bytes())).as("the executors' workbook holds the driver's cells")
                    .isEqualTo(cells(fromDriver.bytes()));
            assertSameDescription(viaExecutors, viaDriver, false);
        } else {
            assertThat(fromExecutors.bytes()).as("the executors' download equals the driver's").isEqualTo(
                    fromDriver.bytes());
            assertSameDescription(viaExecutors, viaDriver, true);
        }

        boolean joinable = !options.contains("xlsx") && !options.contains("gbk") && !options.contains("compression");
        if (joinable && sql.equals(ORDERED_SALES)) {
            // Several part files made one result, in TRANS_ID order.
            assertThat(SparkServers.resultFiles(executors.workingDir(), viaExecutors)).hasSizeGreaterThan(1);
            assertThat(executors.admin().get("/async_query/" + viaExecutors + "/result_path").json().path("data")
                    .asText()).contains(viaExecutors);
        }
        if (!joinable) {
            assertThat(SparkServers.resultFiles(executors.workingDir(), viaExecutors)).hasSize(1);
        }
        if (sql.equals(ORDERED_SALES) && options.equals("\"format\":\"csv\"")) {
            assertAscendingFirstColumn(fromExecutors.text(), 10_000);
        }
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("queries")
    void parquetHoldsTheSameSchemaAndRowsAndIsOneValidFile(String project, String sql, String compression)
            throws IOException {
        String body = "{\"sql\":\"" + sql + "\",\"project\":\"" + project + "\",\"format\":\"parquet\""
                + (compression.equals("snappy") ? "" : ",\"compression\":\"" + compression + "\"") + "}";
        String viaExecutors = executors.admin().runToSuccess(body);
        String viaDriver = driver.admin().runToSuccess(body);
        // Spark's Parquet writer and the server's encode alike but not byte for byte: no size comparison.
        assertSameDescription(viaExecutors, viaDriver, false);
        assertThat(SparkServers.resultFiles(executors.workingDir(), viaExecutors)).hasSize(1);

        Path fromExecutors = temp.resolve(viaExecutors + ".parquet");
        Path fromDriver = temp.resolve(viaDriver + ".parquet");
        Files.write(fromExecutors, executors.admin().get("/async_query/" + viaExecutors + "/result").bytes());
        Files.write(fromDriver, driver.admin().get("/async_query/" + viaDriver + "/result").bytes());
        // Spark's writer describes the same columns its own way (README, "Two routes"): a column that cannot be null
        // is required, a timestamp is UTC-adjusted, a plain integer has no annotation. Names and physical types agree.
        assertThat(columns(schema(fromExecutors))).isEqualTo(columns(schema(fromDriver)));
        List<String> rows = rows(fromExecutors);
        assertThat(rows).isEqualTo(rows(fromDriver));
        assertThat(rows).hasSize(sql.equals(ORDERED_SALES) ? 10_000 : 20);
        // Both routes compress with the codec asked for (snappy when none is): Spark's own, and the server's.
        String codec = compression.equals("none") ? "UNCOMPRESSED" : compression.toUpperCase(java.util.Locale.ROOT);
        assertThat(codecs(fromExecutors)).containsExactly(codec);
        assertThat(codecs(fromDriver)).containsExactly(codec);
    }

    static Stream<Arguments> queries() {
        return Stream.of(Arguments.of("DEFAULT", TYPE_SAMPLE, "zstd"), Arguments.of("DEFAULT", TYPE_SAMPLE, "none"),
                Arguments.of("learn_kylin", ORDERED_SALES, "snappy"), Arguments.of("learn_kylin", ORDERED_SALES, "gzip"));
    }

    /** The codecs the file's column chunks name. */
    private static java.util.Set<String> codecs(Path file) throws IOException {
        java.util.Set<String> codecs = new java.util.TreeSet<>();
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
            reader.getFooter().getBlocks().forEach(block -> block.getColumns()
                    .forEach(column -> codecs.add(column.getCodec().name())));
        }
        return codecs;
    }

    private static void assertSameDescription(String viaExecutors, String viaDriver, boolean sameBytes) {
        for (String call : sameBytes ? new String[] {"metadata", "filestatus"} : new String[] {"metadata"}) {
            assertThat(executors.admin().get("/async_query/" + viaExecutors + "/" + call).json().path("data"))
                    .as(call).isEqualTo(driver.admin().get("/async_query/" + viaDriver + "/" + call).json()
                            .path("data"));
        }
        JsonNode a = executors.admin().statusData(viaExecutors);
        JsonNode b = driver.admin().statusData(viaDriver);
        assertThat(a.path("result_rows")).isEqualTo(b.path("result_rows"));
        if (sameBytes) {
            assertThat(a.path("result_bytes")).isEqualTo(b.path("result_bytes"));
        }
    }

    /** Every cell of the first sheet as text, with its type, row by row. */
    private static List<List<String>> cells(byte[] xlsx) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
                new java.io.ByteArrayInputStream(xlsx))) {
            for (org.apache.poi.ss.usermodel.Row row : book.getSheetAt(0)) {
                List<String> values = new ArrayList<>();
                for (org.apache.poi.ss.usermodel.Cell cell : row) {
                    values.add(cell.getColumnIndex() + ":" + cell.getCellType() + ":" + cell.toString() + ":"
                            + cell.getCellStyle().getDataFormatString());
                }
                rows.add(values);
            }
        }
        return rows;
    }

    private static void assertAscendingFirstColumn(String csv, int rows) {
        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(rows);
        long previous = Long.MIN_VALUE;
        for (String line : lines) {
            long id = Long.parseLong(line.substring(0, line.indexOf(',')));
            assertThat(id).isGreaterThanOrEqualTo(previous);
            previous = id;
        }
    }

    private static List<String> columns(MessageType schema) {
        List<String> columns = new ArrayList<>();
        schema.getColumns().forEach(column -> columns.add(String.join(".", column.getPath()) + ":"
                + column.getPrimitiveType().getPrimitiveTypeName()));
        return columns;
    }

    private static MessageType schema(Path file) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
            return reader.getFooter().getFileMetaData().getSchema();
        }
    }

    /** Each row as text, field by field with its raw value: the same text means the same values. */
    private static List<String> rows(Path file) throws IOException {
        List<String> rows = new ArrayList<>();
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(),
                new org.apache.hadoop.fs.Path(file.toUri())).withConf(new Configuration()).build()) {
            for (Group row = reader.read(); row != null; row = reader.read()) {
                StringBuilder text = new StringBuilder();
                for (int field = 0; field < row.getType().getFieldCount(); field++) {
                    text.append(row.getFieldRepetitionCount(field) == 0 ? "NULL"
                            : row.getValueToString(field, 0)).append('|');
                }
                rows.add(text.toString());
            }
        }
        return rows;
    }

}
