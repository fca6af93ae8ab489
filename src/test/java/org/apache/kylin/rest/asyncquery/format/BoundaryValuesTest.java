package org.apache.kylin.rest.asyncquery.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;
import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;
import org.apache.kylin.rest.asyncquery.vocabulary.ResultFormat;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every column type's boundary values written in every format and read back by that format's own reader: the
 * smallest and largest of each type, zeros, a REAL that a double would print longer, TIMEs with zero seconds,
 * NaN and the infinities, Excel's date limits.
 */
class BoundaryValuesTest {
    static final List<ColumnMeta> COLUMNS = List.of(
            new ColumnMeta("B", "BOOLEAN", Types.BOOLEAN, 1, 0),
            new ColumnMeta("T", "TINYINT", Types.TINYINT, 3, 0),
            new ColumnMeta("S", "SMALLINT", Types.SMALLINT, 5, 0),
            new ColumnMeta("I", "INTEGER", Types.INTEGER, 10, 0),
            new ColumnMeta("L", "BIGINT", Types.BIGINT, 19, 0),
            new ColumnMeta("R", "REAL", Types.REAL, 7, 0),
            new ColumnMeta("D", "DOUBLE", Types.DOUBLE, 15, 0),
            new ColumnMeta("N", "DECIMAL", Types.DECIMAL, 19, 4),
            new ColumnMeta("DT", "DATE", Types.DATE, 0, 0),
            new ColumnMeta("TM", "TIME", Types.TIME, 0, 0),
            new ColumnMeta("TS", "TIMESTAMP", Types.TIMESTAMP, 0, 0));
    static final Object[] MIN = {false, (byte) -128, (short) -32768, Integer.MIN_VALUE, Long.MIN_VALUE,
        -Float.MAX_VALUE, -Double.MAX_VALUE, new BigDecimal("-999999999999999.9999"), LocalDate.of(1, 1, 1),
        LocalTime.MIDNIGHT, LocalDateTime.of(1, 1, 1, 0, 0)};
    static final Object[] MAX = {true, (byte) 127, (short) 32767, Integer.MAX_VALUE, Long.MAX_VALUE,
        Float.MAX_VALUE, Double.MAX_VALUE, new BigDecimal("999999999999999.9999"), LocalDate.of(9999, 12, 31),
        LocalTime.of(23, 59, 59, 999_000_000), LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_999)};
    static final Object[] ORDINARY = {true, (byte) 0, (short) -1, 0, -(1L << 53), 0.1f, 0.1,
        new BigDecimal("-0.0001"), LocalDate.of(1900, 1, 1), LocalTime.NOON, LocalDateTime.of(1900, 3, 1, 12, 0)};
    static final Object[] SPECIAL = {false, (byte) 1, (short) 1, 1, (1L << 53) + 1, Float.NaN,
        Double.NEGATIVE_INFINITY, new BigDecimal("0.0000"), LocalDate.of(1899, 12, 31),
        LocalTime.of(1, 30, 15), LocalDateTime.of(2024, 2, 29, 23, 59, 58, 123_000_000)};
    static final Object[] TINY = {null, null, null, null, null, Float.MIN_VALUE, Double.MIN_VALUE, null, null, null,
        LocalDateTime.of(2000, 1, 1, 0, 0, 0, 1_000)};

    @TempDir
    Path temp;

    @Test
    void csvWritesEachTypesTextForm() throws IOException {
        List<CSVRecord> rows = CSVFormat.RFC4180.parse(new InputStreamReader(new ByteArrayInputStream(
                write(ResultFormat.CSV)), StandardCharsets.UTF_8)).getRecords();
        assertThat(rows.get(0).values()).containsExactly("false", "-128", "-32768", "-2147483648",
                "-9223372036854775808", "-340282350000000000000000000000000000000",
                new BigDecimal("-1.7976931348623157E308").toPlainString(), "-999999999999999.9999", "0001-01-01",
                "00:00:00", "0001-01-01 00:00:00");
        assertThat(rows.get(1).values()).containsExactly("true", "127", "32767", "2147483647", "9223372036854775807",
                "340282350000000000000000000000000000000", new BigDecimal("1.7976931348623157E308").toPlainString(),
                "999999999999999.9999", "9999-12-31", "23:59:59.999", "9999-12-31 23:59:59.999999999");
        assertThat(rows.get(2).values()).containsExactly("true", "0", "-1", "0", "-9007199254740992", "0.1", "0.1",
                "-0.0001", "1900-01-01", "12:00:00", "1900-03-01 12:00:00");
        assertThat(rows.get(3).values()).containsExactly("false", "1", "1", "1", "9007199254740993", "NaN",
                "-Infinity", "0.0000", "1899-12-31", "01:30:15", "2024-02-29 23:59:58.123");
        assertThat(rows.get(4).values()).containsExactly("", "", "", "", "",
                new BigDecimal("1.4E-45").toPlainString(), new BigDecimal("4.9E-324").toPlainString(), "", "", "",
                "2000-01-01 00:00:00.000001");
    }

    @Test
    void jsonKeepsNumbersAsNumbersAndTheRestAsTheirText() throws IOException {
        ObjectMapper exact = new ObjectMapper()
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));
        JsonNode rows = exact.readTree(write(ResultFormat.JSON));
        assertThat(rows.get(0).get("L").bigIntegerValue()).isEqualTo(BigInteger.valueOf(Long.MIN_VALUE));
        assertThat(rows.get(0).get("R").decimalValue()).isEqualByComparingTo("-3.4028235E38");
        assertThat(rows.get(0).get("D").doubleValue()).isEqualTo(-Double.MAX_VALUE);
        assertThat(rows.get(0).get("N").toString()).isEqualTo("-999999999999999.9999");
        assertThat(rows.get(0).get("TM").asText()).isEqualTo("00:00:00");
        assertThat(rows.get(1).get("L").bigIntegerValue()).isEqualTo(BigInteger.valueOf(Long.MAX_VALUE));
        assertThat(rows.get(1).get("TS").asText()).isEqualTo("9999-12-31 23:59:59.999999999");
        assertThat(rows.get(2).get("R").toString()).isEqualTo("0.1");
        assertThat(rows.get(2).get("D").toString()).isEqualTo("0.1");
        assertThat(rows.get(2).get("TM").asText()).isEqualTo("12:00:00");
        assertThat(rows.get(3).get("R").asText()).isEqualTo("NaN");
        assertThat(rows.get(3).get("D").asText()).isEqualTo("-Infinity");
        assertThat(rows.get(3).get("B").isBoolean()).isTrue();
        assertThat(rows.get(4).get("R").floatValue()).isEqualTo(Float.MIN_VALUE);
        assertThat(rows.get(4).get("B").isNull()).isTrue();
    }

    @Test
    void xlsxWritesNumbersExcelHoldsExactlyAsNumbersAndTheRestAsText() throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(write(ResultFormat.XLSX)))) {
            Row min = workbook.getSheetAt(0).getRow(0);
            assertThat(number(min, 3)).isEqualTo(Integer.MIN_VALUE);
            assertThat(text(min, 4)).as("Long.MIN_VALUE").isEqualTo("-9223372036854775808");
            assertThat(number(min, 5)).isEqualTo(-3.4028235E38);
            assertThat(text(min, 6)).isEqualTo(new BigDecimal("-1.7976931348623157E308").toPlainString());
            assertThat(text(min, 7)).isEqualTo("-999999999999999.9999");
            assertThat(text(min, 8)).isEqualTo("0001-01-01");
            assertThat(text(min, 9)).isEqualTo("00:00:00");
            assertThat(text(min, 10)).isEqualTo("0001-01-01 00:00:00");
            Row max = workbook.getSheetAt(0).getRow(1);
            assertThat(text(max, 4)).isEqualTo("9223372036854775807");
            assertThat(date(max, 8)).isEqualTo(LocalDateTime.of(9999, 12, 31, 0, 0));
            assertThat(text(max, 10)).isEqualTo("9999-12-31 23:59:59.999999999");
            Row ordinary = workbook.getSheetAt(0).getRow(2);
            assertThat(number(ordinary, 4)).isEqualTo(-9007199254740992.0);
            assertThat(number(ordinary, 5)).as("REAL 0.1").isEqualTo(0.1);
            assertThat(number(ordinary, 7)).isEqualTo(-0.0001);
            assertThat(date(ordinary, 8)).isEqualTo(LocalDateTime.of(1900, 1, 1, 0, 0));
            assertThat(text(ordinary, 9)).isEqualTo("12:00:00");
            assertThat(date(ordinary, 10)).isEqualTo(LocalDateTime.of(1900, 3, 1, 12, 0));
            Row special = workbook.getSheetAt(0).getRow(3);
            assertThat(text(special, 4)).isEqualTo("9007199254740993");
            assertThat(text(special, 5)).isEqualTo("NaN");
            assertThat(text(special, 6)).isEqualTo("-Infinity");
            assertThat(text(special, 8)).isEqualTo("1899-12-31");
            assertThat(date(special, 10)).isEqualTo(LocalDateTime.of(2024, 2, 29, 23, 59, 58, 123_000_000));
            Row tiny = workbook.getSheetAt(0).getRow(4);
            assertThat(number(tiny, 5)).isEqualTo(1.4E-45);
            assertThat(text(tiny, 6)).as("below Excel's smallest").isEqualTo(new BigDecimal("4.9E-324").toPlainString());
            assertThat(text(tiny, 10)).isEqualTo("2000-01-01 00:00:00.000001");
        }
    }

    @Test
    void parquetHoldsEveryValueInItsOwnType() throws IOException {
        Path file = temp.resolve("boundaries.parquet");
        Files.write(file, write(ResultFormat.PARQUET));
        List<Group> rows = new ArrayList<>();
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(),
                new org.apache.hadoop.fs.Path(file.toUri())).withConf(new Configuration()).build()) {
            for (Group row = reader.read(); row != null; row = reader.read()) {
                rows.add(row);
            }
        }
        Group min = rows.get(0);
        assertThat(min.getInteger("T", 0)).isEqualTo(-128);
        assertThat(min.getInteger("S", 0)).isEqualTo(-32768);
        assertThat(min.getLong("L", 0)).isEqualTo(Long.MIN_VALUE);
        assertThat(min.getFloat("R", 0)).isEqualTo(-Float.MAX_VALUE);
        assertThat(min.getDouble("D", 0)).isEqualTo(-Double.MAX_VALUE);
        assertThat(new BigDecimal(new BigInteger(min.getBinary("N", 0).getBytes()), 4))
                .isEqualTo(new BigDecimal("-999999999999999.9999"));
        assertThat(LocalDate.ofEpochDay(min.getInteger("DT", 0))).isEqualTo(LocalDate.of(1, 1, 1));
        assertThat(min.getString("TM", 0)).isEqualTo("00:00:00");
        assertThat(min.getLong("TS", 0)).isEqualTo(LocalDateTime.of(1, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC)
                * 1_000_000);
        assertThat(rows.get(1).getString("TM", 0)).isEqualTo("23:59:59.999");
        assertThat(rows.get(2).getFloat("R", 0)).isEqualTo(0.1f);
        assertThat(rows.get(2).getString("TM", 0)).isEqualTo("12:00:00");
        assertThat(rows.get(3).getFloat("R", 0)).isNaN();
        assertThat(rows.get(3).getDouble("D", 0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(rows.get(4).getFieldRepetitionCount("B")).isZero();
    }

    private static double number(Row row, int column) {
        Cell cell = row.getCell(column);
        assertThat(cell.getCellType()).as("cell " + column).isEqualTo(CellType.NUMERIC);
        return cell.getNumericCellValue();
    }

    private static String text(Row row, int column) {
        Cell cell = row.getCell(column);
        assertThat(cell.getCellType()).as("cell " + column).isEqualTo(CellType.STRING);
        return cell.getStringCellValue();
    }

    private static LocalDateTime date(Row row, int column) {
        Cell cell = row.getCell(column);
        assertThat(DateUtil.isCellDateFormatted(cell)).as("cell " + column).isTrue();
        return cell.getLocalDateTimeCellValue();
    }

    private static byte[] write(ResultFormat format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultWriter writer = new ResultWriterFactory(false).open(out, COLUMNS,
                FormatOptions.builder().format(format).build());
        for (Object[] row : new Object[][] {MIN, MAX, ORDINARY, SPECIAL, TINY}) {
            writer.writeRow(row);
        }
        writer.finish();
        return out.toByteArray();
    }
}
