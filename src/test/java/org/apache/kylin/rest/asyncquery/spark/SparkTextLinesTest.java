package org.apache.kylin.rest.asyncquery.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.apache.kylin.rest.asyncquery.format.ResultWriter;
import org.apache.kylin.rest.asyncquery.format.ResultWriterFactory;
import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;
import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;
import org.apache.kylin.rest.asyncquery.vocabulary.ResultFormat;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential: the lines Spark's executors compute with {@link SparkTextLines}, written by Spark's text source in
 * several part files and concatenated as the download concatenates them, are byte for byte what the project's own
 * writers write for the same rows, given the values the JDBC route would give them and the values
 * {@link SparkRowValues} reads back from Spark.
 */
class SparkTextLinesTest {
    private static final long SEED = 20240601L;
    private static final int RANDOM_ROWS = 600;

    private static SparkSession spark;
    private static AwkwardTable table;
    private static List<Object[]> inputs;
    private static Dataset<Row> rows;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.start();
        table = AwkwardTable.allTypes();
        inputs = table.inputs(SEED, RANDOM_ROWS);
        rows = table.dataset(spark, inputs);
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    static Stream<Arguments> formats() {
        return Stream.of(
                Arguments.of(csv(',', false), false),
                Arguments.of(csv(';', false), true),
                Arguments.of(csv('\t', false), true),
                Arguments.of(csv('|', false), false),
                // A separator that timestamps hold.
                Arguments.of(csv(' ', false), true),
                Arguments.of(json(true), false),
                Arguments.of(json(false), true));
    }

    static Stream<Arguments> someFormats() {
        return Stream.of(Arguments.of(csv(',', false), true), Arguments.of(json(true), false),
                Arguments.of(json(false), false));
    }

    @ParameterizedTest(name = "{0} escapeFormulas={1}")
    @MethodSource("formats")
    void sparkWritesTheWritersBytes(Named options, boolean escapeFormulas) throws IOException {
        SparkTextLines lines = new SparkTextLines(table.columns(), options.options(), escapeFormulas);
        Path parts = dir.resolve("parts");
        lines.of(rows).write().option("lineSep", lines.lineSeparator()).text(parts.toString());

        byte[] expected = written(table.columns(), options.options(), escapeFormulas, table.expected(inputs));
        assertSameText(download(parts, options.options()), expected);
        assertThat(partFiles(parts)).as("part files").hasSizeGreaterThan(1);
    }

    @Test
    void theWritersGetFromSparkRowValuesWhatTheJdbcRouteGivesThem() throws IOException {
        SparkRowValues values = new SparkRowValues(table.columns(), rows);
        List<Object[]> expected = table.expected(inputs);
        List<Object[]> read = new ArrayList<>();
        List<Row> collected = rows.collectAsList();
        for (int i = 0; i < collected.size(); i++) {
            Object[] row = values.values(collected.get(i));
            assertThat(row).as("row %d", i).containsExactly(expected.get(i));
            read.add(row.clone());
        }
        FormatOptions options = csv(',', false).options();
        assertSameText(written(table.columns(), options, true, read),
                written(table.columns(), options, true, expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("someFormats")
    void anEmptyTextAndNullDifferInTheFirstFieldOnly(Named options, boolean escapeFormulas) throws IOException {
        AwkwardTable one = AwkwardTable.oneText();
        List<Object[]> values = List.of(new Object[] {""}, new Object[] {null}, new Object[] {" "},
                new Object[] {"x"}, new Object[] {""}, new Object[] {null});
        SparkTextLines lines = new SparkTextLines(one.columns(), options.options(), escapeFormulas);
        Path parts = dir.resolve("parts");
        lines.of(one.dataset(spark, values)).write().option("lineSep", lines.lineSeparator())
                .text(parts.toString());

        assertSameText(download(parts, options.options()),
                written(one.columns(), options.options(), escapeFormulas, values));
    }

    @Test
    void csvQuotesAsCommonsCsvDoesNotOnlyAsRfc4180Asks() {
        AwkwardTable one = AwkwardTable.oneText();
        List<Object[]> values = List.of(new Object[] {"#x"}, new Object[] {"!x"}, new Object[] {"x "},
                new Object[] {"x\t"}, new Object[] {" x"}, new Object[] {"$x"}, new Object[] {"x$"},
                new Object[] {"a\"b"}, new Object[] {""}, new Object[] {null});
        Dataset<Row> lines = new SparkTextLines(one.columns(), csv(',', false).options(), false)
                .of(one.dataset(spark, values));

        assertThat(lines.collectAsList()).extracting(row -> row.getString(0)).containsExactly(
                "\"#x\"", "\"!x\"", "\"x \"", "\"x\t\"", "\" x\"", "$x", "x$", "\"a\"\"b\"", "\"\"", "");
    }

    /** Spark allows them only with a legacy flag; BigDecimal.toString writes them as "1.2E+4". */
    @Test
    void decimalsOfANegativeScaleArePlainDigits() throws IOException {
        List<ColumnMeta> columns = List.of(new ColumnMeta("N", "DECIMAL", Types.DECIMAL, 5, -3));
        List<Object[]> values = List.of(new Object[] {new BigDecimal("1.2E+4")}, new Object[] {new BigDecimal("0E+3")},
                new Object[] {new BigDecimal("-99999E+3")}, new Object[] {new BigDecimal("10E+3")});
        spark.conf().set("spark.sql.legacy.allowNegativeScaleOfDecimal", "true");
        try {
            Dataset<Row> negativeScale = spark.createDataFrame(values.stream().map(RowFactory::create).toList(),
                    new StructType().add("N", DataTypes.createDecimalType(5, -3)));
            for (Named options : List.of(csv(',', false), json(true))) {
                SparkTextLines lines = new SparkTextLines(columns, options.options(), false);
                String text = String.join("", lines.of(negativeScale).collectAsList().stream()
                        .map(row -> row.getString(0) + lines.lineSeparator()).toList());
                assertSameText(text.getBytes(StandardCharsets.UTF_8), written(columns, options.options(), false,
                        values));
            }
        } finally {
            spark.conf().unset("spark.sql.legacy.allowNegativeScaleOfDecimal");
        }
    }

    @Test
    void eachFormatSaysWhatFollowsItsLines() {
        List<ColumnMeta> columns = AwkwardTable.oneText().columns();
        assertThat(new SparkTextLines(columns, csv(';', true).options(), false).lineSeparator()).isEqualTo("\r\n");
        assertThat(new SparkTextLines(columns, json(true).options(), false).lineSeparator()).isEqualTo("\n");
        assertThat(new SparkTextLines(columns, json(false).options(), false).lineSeparator()).isEqualTo(",");
    }

    @Test
    void theLinesNeedNoClassOfOursOnTheExecutors() {
        for (Named options : List.of(csv(',', false), json(true))) {
            Dataset<Row> lines = new SparkTextLines(table.columns(), options.options(), true).of(rows);
            String plans = lines.queryExecution().analyzed().toString()
                    + lines.queryExecution().optimizedPlan().toString()
                    + lines.queryExecution().executedPlan().toString();
            assertThat(plans).doesNotContain("UDF", "MapPartitions", "MapElements", "DeserializeToObject",
                    "org.apache.kylin");
            assertThat(lines.schema().fields()).singleElement()
                    .satisfies(field -> assertThat(field.dataType()).isEqualTo(DataTypes.StringType));
        }
    }

    @Test
    void refusesRowsNotAlignedToTheColumns() {
        SparkTextLines lines = new SparkTextLines(
                List.of(new ColumnMeta("N", "DECIMAL", Types.DECIMAL, 10, 2)), csv(',', false).options(), false);
        Dataset<Row> otherScale = spark.createDataFrame(List.<Row>of(),
                new StructType().add("N", DataTypes.createDecimalType(10, 3)));
        Dataset<Row> twoColumns = spark.createDataFrame(List.<Row>of(),
                new StructType().add("N", DataTypes.createDecimalType(10, 2)).add("M", DataTypes.StringType));

        assertThatThrownBy(() -> lines.of(otherScale)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("decimal(10,3)");
        assertThatThrownBy(() -> lines.of(twoColumns)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesNeitherBinaryFormatsNorGbk() {
        List<ColumnMeta> columns = AwkwardTable.oneText().columns();
        assertThatThrownBy(() -> new SparkTextLines(columns,
                FormatOptions.builder().format(ResultFormat.XLSX).build(), false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SparkTextLines(columns,
                FormatOptions.builder().encoding(FormatOptions.GBK).build(), false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** FormatOptions with a readable name for the test report. */
    record Named(String name, FormatOptions options) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Named csv(char separator, boolean header) {
        return new Named("CSV '" + (separator == '\t' ? "\\t" : separator) + "'",
                FormatOptions.builder().separator(separator).includeHeader(header).build());
    }

    private static Named json(boolean jsonLines) {
        return new Named(jsonLines ? "JSON Lines" : "JSON array",
                FormatOptions.builder().format(ResultFormat.JSON).jsonLines(jsonLines).build());
    }

    private static byte[] written(List<ColumnMeta> columns, FormatOptions options, boolean escapeFormulas,
            List<Object[]> values) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultWriter writer = new ResultWriterFactory(escapeFormulas).open(out, columns, options);
        for (Object[] row : values) {
            writer.writeRow(row);
        }
        writer.finish();
        return out.toByteArray();
    }

    /** The part files in name order, concatenated; a JSON array framed as the download frames it. */
    private static byte[] download(Path parts, FormatOptions options) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Path part : partFiles(parts)) {
            out.write(Files.readAllBytes(part));
        }
        byte[] concatenated = out.toByteArray();
        if (options.format() != ResultFormat.JSON || options.jsonLines()) {
            return concatenated;
        }
        ByteArrayOutputStream array = new ByteArrayOutputStream();
        array.write('[');
        if (concatenated.length > 0) {
            assertThat(concatenated[concatenated.length - 1]).as("the last byte").isEqualTo((byte) ',');
            array.write(concatenated, 0, concatenated.length - 1);
        }
        array.write(new byte[] {']', '\n'});
        return array.toByteArray();
    }

    private static List<Path> partFiles(Path parts) throws IOException {
        try (Stream<Path> files = Files.list(parts)) {
            return files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
        }
    }

    /** Byte equality, reported as the first differing line when it fails. */
    private static void assertSameText(byte[] actual, byte[] expected) {
        if (Arrays.equals(actual, expected)) {
            return;
        }
        String a = new String(actual, StandardCharsets.UTF_8);
        String e = new String(expected, StandardCharsets.UTF_8);
        int at = Arrays.mismatch(a.toCharArray(), e.toCharArray());
        int from = Math.max(0, Math.max(a.lastIndexOf('\n', at - 1), 0) - 200);
        fail("Spark's bytes differ at char " + at + " (" + actual.length + " bytes, expected " + expected.length
                + ")\n  spark:  " + shown(a.substring(from, Math.min(a.length(), at + 120)))
                + "\n  writer: " + shown(e.substring(from, Math.min(e.length(), at + 120))));
    }

    private static String shown(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> out.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", c)
                : new String(Character.toChars(c))));
        return out.toString();
    }
}
