package org.apache.kylin.rest.asyncquery.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;
import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;
import org.apache.kylin.rest.asyncquery.vocabulary.ResultFormat;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every format written by our writers and read back by a real reader of that format: Commons CSV, Jackson, Apache
 * POI and parquet-hadoop. Nulls, Unicode, separators, quotes and line breaks inside values, large decimals, dates
 * and timestamps.
 */
class FormatRoundTripTest {
    static final List<ColumnMeta> COLUMNS = List.of(
            new ColumnMeta("NAME", "VARCHAR", Types.VARCHAR, 100, 0),
            new ColumnMeta("N", "INTEGER", Types.INTEGER, 10, 0),
            new ColumnMeta("BIG", "BIGINT", Types.BIGINT, 19, 0),
            new ColumnMeta("PRICE", "DECIMAL", Types.DECIMAL, 19, 4),
            new ColumnMeta("HUGE", "DECIMAL", Types.DECIMAL, 38, 10),
            new ColumnMeta("DAY", "DATE", Types.DATE, 0, 0),
            new ColumnMeta("AT", "TIMESTAMP", Types.TIMESTAMP, 0, 0),
            new ColumnMeta("RATIO", "DOUBLE", Types.DOUBLE, 0, 0),
            new ColumnMeta("OK", "BOOLEAN", Types.BOOLEAN, 0, 0));
    static final Object[] TRICKY = {"a,b;\"q\"\r\nline 2 中文 😀", 42, 9_007_199_254_740_993L,
        new BigDecimal("1234567.8900"), new BigDecimal("1234567890123456789012345678.0123456789"),
        LocalDate.of(2024, 2, 29), LocalDateTime.of(2024, 2, 29, 23, 59, 58, 123_000_000), 0.1, true};
    static final Object[] NULLS = {null, null, null, null, null, null, null, null, null};
    static final Object[] EMPTY = {"", -1, -2L, new BigDecimal("-0.5000"), new BigDecimal("0E-10"),
        LocalDate.of(1970, 1, 1), LocalDateTime.of(1970, 1, 1, 0, 0), -1.5e300, false};

    @TempDir
    Path temp;

    @Test
    void csvInUtf8ReadsBackWithItsHeaderAndNulls() throws IOException {
        byte[] file = write(FormatOptions.builder().includeHeader(true).byteOrderMark(true).build());
        assertThat(Arrays.copyOf(file, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        List<CSVRecord> records = csv(Arrays.copyOfRange(file, 3, file.length), StandardCharsets.UTF_8, ',');
        assertThat(records.get(0).values()).containsExactly("NAME", "N", "BIG", "PRICE", "HUGE", "DAY", "AT",
                "RATIO", "OK");
        assertThat(records.get(1).values()).containsExactly("a,b;\"q\"\r\nline 2 中文 😀", "42", "9007199254740993",
                "1234567.8900", "1234567890123456789012345678.0123456789", "2024-02-29", "2024-02-29 23:59:58.123",
                "0.1", "true");
        assertThat(records.get(2).values()).containsOnly("");
        assertThat(records.get(3).values()).containsExactly("", "-1", "-2", "-0.5000", "0E-10".equals(
                new BigDecimal("0E-10").toPlainString()) ? "0E-10" : "0.0000000000", "1970-01-01",
                "1970-01-01 00:00:00", "-1.5E300".equals(TextValues.format(-1.5e300)) ? "-1.5E300"
                        : TextValues.format(-1.5e300), "false");
    }

    @Test
    void csvInGbkReadsBackAndRefusesWhatGbkCannotHold() throws IOException {
        Object[] chinese = TRICKY.clone();
        chinese[0] = "销售额, \"引号\"";
        byte[] file = write(FormatOptions.builder().encoding(FormatOptions.GBK).separator('\t').build(), chinese);
        List<CSVRecord> records = csv(file, Charset.forName("GBK"), '\t');
        assertThat(records.get(0).get(0)).isEqualTo("销售额, \"引号\"");
        assertThatThrownBy(() -> write(FormatOptions.builder().encoding(FormatOptions.GBK).build(), TRICKY))
                .isInstanceOf(ValueNotWritableException.class).hasMessageContaining("NAME")
                .hasMessageContaining("GBK");
    }

    @Test
    void jsonIsAnArrayOfObjectsWithTypedValues() throws IOException {
        ObjectMapper exact = new ObjectMapper()
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));
        JsonNode rows = exact.readTree(write(FormatOptions.builder().format(ResultFormat.JSON).build()));
        assertThat(rows.isArray()).isTrue();
        JsonNode first = rows.get(0);
        assertThat(first.get("NAME").asText()).isEqualTo("a,b;\"q\"\r\nline 2 中文 😀");
        assertThat(first.get("N").isInt()).isTrue();
        assertThat(first.get("BIG").asLong()).isEqualTo(9_007_199_254_740_993L);
        assertThat(first.get("PRICE").decimalValue()).isEqualByComparingTo("1234567.8900");
        assertThat(first.get("PRICE").toString()).isEqualTo("1234567.8900");
        assertThat(first.get("HUGE").toString()).isEqualTo("1234567890123456789012345678.0123456789");
        assertThat(first.get("DAY").asText()).isEqualTo("2024-02-29");
        assertThat(first.get("AT").asText()).isEqualTo("2024-02-29 23:59:58.123");
        assertThat(first.get("OK").isBoolean()).isTrue();
        assertThat(rows.get(1).get("NAME").isNull()).isTrue();
        assertThat(rows.get(2).get("NAME").asText()).isEmpty();
    }

    @Test
    void jsonLinesIsOneObjectPerLine() throws IOException {
        String text = new String(write(FormatOptions.builder().format(ResultFormat.JSON).jsonLines(true).build()),
                StandardCharsets.UTF_8);
        String[] lines = text.split("\n");
        assertThat(lines).hasSize(3);
        for (String line : lines) {
            assertThat(new ObjectMapper().readTree(line).isObject()).isTrue();
        }
    }

    @Test
    void xlsxReadsBackInPoiWithNumbersDatesAndText() throws IOException {
        byte[] file = write(FormatOptions.builder().format(ResultFormat.XLSX).includeHeader(true).build());
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(file))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("NAME");
            Row row = sheet.getRow(1);
            assertThat(row.getCell(0).getStringCellValue()).isEqualTo("a,b;\"q\"\r\nline 2 中文 😀");
            assertThat(row.getCell(1).getNumericCellValue()).isEqualTo(42);
            assertThat(row.getCell(2).getCellType()).as("beyond 2^53: text").isEqualTo(CellType.STRING);
            assertThat(row.getCell(2).getStringCellValue()).isEqualTo("9007199254740993");
            assertThat(row.getCell(3).getNumericCellValue()).isEqualTo(1234567.89);
            assertThat(row.getCell(3).getCellStyle().getDataFormatString()).isEqualTo("0.0000");
            assertThat(row.getCell(4).getStringCellValue()).isEqualTo("1234567890123456789012345678.0123456789");
            assertThat(DateUtil.isCellDateFormatted(row.getCell(5))).isTrue();
            assertThat(row.getCell(5).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2024, 2, 29));
            assertThat(row.getCell(6).getLocalDateTimeCellValue())
                    .isEqualTo(LocalDateTime.of(2024, 2, 29, 23, 59, 58, 123_000_000));
            assertThat(row.getCell(8).getBooleanCellValue()).isTrue();
            Row nulls = sheet.getRow(2);
            assertThat(nulls == null || nulls.getCell(0) == null || nulls.getCell(0).getCellType() == CellType.BLANK)
                    .isTrue();
        }
    }

    @Test
    void xlsxContinuesOnANewSheetWhenOneIsFull() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<ColumnMeta> one = List.of(new ColumnMeta("N", "INTEGER", Types.INTEGER, 10, 0));
        ResultWriter writer = new XlsxResultWriter(out, one,
                FormatOptions.builder().format(ResultFormat.XLSX).includeHeader(true).build(), 3);
        for (int i = 0; i < 5; i++) {
            writer.writeRow(new Object[] {i});
        }
        writer.finish();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(3);
            assertThat(workbook.getSheetAt(1).getRow(0).getCell(0).getStringCellValue()).isEqualTo("N");
            assertThat(workbook.getSheetAt(1).getRow(1).getCell(0).getNumericCellValue()).isEqualTo(2);
            assertThat(workbook.getSheetAt(2).getRow(1).getCell(0).getNumericCellValue()).isEqualTo(4);
        }
    }

    @Test
    void parquetReadsBackWithRealColumnTypes() throws IOException {
        List<ColumnMeta> columns = new ArrayList<>(COLUMNS);
        columns.add(new ColumnMeta("odd name (x)", "VARCHAR", Types.VARCHAR, 10, 0));
        Object[] tricky = Arrays.copyOf(TRICKY, TRICKY.length + 1);
        tricky[tricky.length - 1] = "v";
        Path file = temp.resolve("result.parquet");
        Files.write(file, write(columns, FormatOptions.builder().format(ResultFormat.PARQUET).build(), tricky,
                Arrays.copyOf(NULLS, NULLS.length + 1)));

        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file.toUri());
        Configuration conf = new Configuration();
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(path, conf))) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            assertThat(schema.getType("PRICE").getLogicalTypeAnnotation())
                    .isEqualTo(LogicalTypeAnnotation.decimalType(4, 19));
            assertThat(schema.getType("HUGE").getLogicalTypeAnnotation())
                    .isEqualTo(LogicalTypeAnnotation.decimalType(10, 38));
            assertThat(schema.getType("DAY").getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.dateType());
            assertThat(schema.getType("AT").getLogicalTypeAnnotation()).isEqualTo(
                    LogicalTypeAnnotation.timestampType(false, LogicalTypeAnnotation.TimeUnit.MICROS));
            assertThat(schema.getType("N").getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.intType(32, true));
            assertThat(schema.containsField("odd_name__x_")).isTrue();
            assertThat(reader.getFooter().getFileMetaData().getKeyValueMetaData()
                    .get(ParquetResultWriter.ORIGINAL_NAMES_KEY)).contains("odd name (x)");
        }
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), path).withConf(conf).build()) {
            Group row = reader.read();
            assertThat(row.getString("NAME", 0)).isEqualTo("a,b;\"q\"\r\nline 2 中文 😀");
            assertThat(row.getInteger("N", 0)).isEqualTo(42);
            assertThat(row.getLong("BIG", 0)).isEqualTo(9_007_199_254_740_993L);
            assertThat(new BigDecimal(new java.math.BigInteger(row.getBinary("PRICE", 0).getBytes()), 4))
                    .isEqualTo(new BigDecimal("1234567.8900"));
            assertThat(new BigDecimal(new java.math.BigInteger(row.getBinary("HUGE", 0).getBytes()), 10))
                    .isEqualTo(new BigDecimal("1234567890123456789012345678.0123456789"));
            assertThat(LocalDate.ofEpochDay(row.getInteger("DAY", 0))).isEqualTo(LocalDate.of(2024, 2, 29));
            assertThat(row.getLong("AT", 0)).isEqualTo(
                    LocalDateTime.of(2024, 2, 29, 23, 59, 58, 123_000_000).toEpochSecond(java.time.ZoneOffset.UTC)
                            * 1_000_000L + 123_000);
            assertThat(row.getDouble("RATIO", 0)).isEqualTo(0.1);
            assertThat(row.getBoolean("OK", 0)).isTrue();
            Group nulls = reader.read();
            assertThat(nulls.getFieldRepetitionCount("NAME")).isZero();
            assertThat(nulls.getFieldRepetitionCount("PRICE")).isZero();
        }
    }

    @Test
    void parquetRefusesADecimalThatDoesNotFitItsColumn() {
        List<ColumnMeta> narrow = List.of(new ColumnMeta("D", "DECIMAL", Types.DECIMAL, 5, 2));
        assertThatThrownBy(() -> write(narrow, FormatOptions.builder().format(ResultFormat.PARQUET).build(),
                new Object[] {new BigDecimal("12345.678")})).isInstanceOf(ValueNotWritableException.class)
                .hasMessageContaining("DECIMAL(5,2)");
    }

    private byte[] write(FormatOptions options) throws IOException {
        return write(COLUMNS, options, TRICKY, NULLS, EMPTY);
    }

    private byte[] write(FormatOptions options, Object[]... rows) throws IOException {
        return write(COLUMNS, options, rows);
    }

    private static byte[] write(List<ColumnMeta> columns, FormatOptions options, Object[]... rows)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultWriter writer = new ResultWriterFactory(false).open(out, columns, options);
        for (Object[] row : rows) {
            writer.writeRow(row);
        }
        writer.finish();
        return out.toByteArray();
    }

    private static List<CSVRecord> csv(byte[] file, Charset charset, char separator) throws IOException {
        try (CSVParser parser = CSVFormat.RFC4180.builder().setDelimiter(separator).build()
                .parse(new InputStreamReader(new ByteArrayInputStream(file), charset))) {
            return parser.getRecords();
        }
    }
}
