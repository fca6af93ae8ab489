package org.apache.kylin.rest.asyncquery.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;
import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;
import org.apache.kylin.rest.asyncquery.vocabulary.ResultFormat;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The XLSX writer's faster paths, read back with Apache POI and checked in the file's own XML: number formats set
 * per run of cells land on exactly the cells that had one, across flushes and sheets; text goes inline except
 * where Excel would trim it; the shared-strings table does not grow with distinct values.
 */
class XlsxResultWriterTest {
    private static final List<ColumnMeta> COLUMNS = List.of(
            new ColumnMeta("DEC", "DECIMAL", Types.DECIMAL, 20, 2),
            new ColumnMeta("DAY", "DATE", Types.DATE, 0, 0),
            new ColumnMeta("AT", "TIMESTAMP", Types.TIMESTAMP, 0, 0),
            new ColumnMeta("NAME", "VARCHAR", Types.VARCHAR, 100, 0));
    /** Past two flushes (every 1,000 rows) and onto a second sheet. */
    private static final int ROWS = 2_500;
    private static final int ROWS_PER_SHEET = 1_700;
    private static final Pattern INLINE = Pattern.compile("<is><t>(.*?)</t></is>", Pattern.DOTALL);

    @TempDir
    Path temp;

    @Test
    void numberFormatsLandOnExactlyTheCellsThatHaveOneAcrossFlushesAndSheets() throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(write()))) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(2);
            for (int i = 0; i < ROWS; i++) {
                Sheet sheet = workbook.getSheetAt(i / (ROWS_PER_SHEET - 1));
                Row row = sheet.getRow(i % (ROWS_PER_SHEET - 1) + 1);
                Object[] values = row(i);
                if (row == null) {
                    assertThat(values).as("row " + i).containsOnlyNulls();
                    continue;
                }
                for (int c = 0; c < values.length; c++) {
                    Cell cell = row.getCell(c);
                    String where = "row " + i + ", column " + COLUMNS.get(c).name();
                    String format = expectedFormat(values[c]);
                    if (values[c] == null) {
                        assertThat(cell).as(where).isNull();
                    } else if (format == null) {
                        assertThat(cell.getCellType()).as(where).isEqualTo(CellType.STRING);
                        assertThat(cell.getCellStyle().getIndex()).as(where + ": no style").isZero();
                    } else {
                        assertThat(cell.getCellType()).as(where).isEqualTo(CellType.NUMERIC);
                        assertThat(cell.getCellStyle().getDataFormatString()).as(where).isEqualTo(format);
                    }
                }
                if (values[3] != null) {
                    assertThat(row.getCell(3).getStringCellValue()).isEqualTo(values[3]);
                }
            }
            assertThat(workbook.getSheetAt(1).getRow(0).getCell(0).getStringCellValue()).isEqualTo("DEC");
        }
    }

    @Test
    void textExcelWouldTrimIsSharedWithPreservedSpaceAndTheRestIsInline() throws IOException {
        Map<String, String> parts = unzip(write());
        Set<String> inline = new HashSet<>();
        for (Map.Entry<String, String> part : parts.entrySet()) {
            if (part.getKey().startsWith("xl/worksheets/sheet")) {
                Matcher matcher = INLINE.matcher(part.getValue());
                while (matcher.find()) {
                    inline.add(matcher.group(1));
                }
            }
        }
        assertThat(inline).contains("NAME", "name-1").allSatisfy(text -> {
            assertThat(text).isNotEmpty();
            assertThat(text.charAt(0)).isGreaterThan(' ');
            assertThat(text.charAt(text.length() - 1)).isGreaterThan(' ');
        });
        Set<String> trimmable = new HashSet<>();
        for (int i = 0; i < ROWS; i++) {
            Object name = row(i)[3];
            if (name != null && !inline.contains(name)) {
                trimmable.add((String) name);
            }
        }
        String shared = parts.get("xl/sharedStrings.xml");
        assertThat(trimmable).contains("", " lead 6", "trail\t4\t");
        assertThat(shared).contains("uniqueCount=\"" + trimmable.size() + "\"");
        assertThat(shared).contains("<t xml:space=\"preserve\"> lead 6</t>",
                "<t xml:space=\"preserve\">trail&#x9;4&#x9;</t>");
    }

    @Test
    void distinctValuesDoNotGrowTheSharedStringsTable() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<ColumnMeta> one = List.of(new ColumnMeta("ID", "VARCHAR", Types.VARCHAR, 40, 0));
        ResultWriter writer = new XlsxResultWriter(out, one,
                FormatOptions.builder().format(ResultFormat.XLSX).includeHeader(true).build());
        for (int i = 0; i < 5_000; i++) {
            writer.writeRow(new Object[] {"id-" + i});
        }
        writer.finish();
        assertThat(unzip(out.toByteArray()).get("xl/sharedStrings.xml")).contains("uniqueCount=\"0\"");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            assertThat(workbook.getSheetAt(0).getRow(5_000).getCell(0).getStringCellValue()).isEqualTo("id-4999");
        }
    }

    /** Nulls, values written as text and changes of format break the runs of each column at odd places. */
    private static Object[] row(int i) {
        BigDecimal decimal = i % 5 == 0 ? null
                : i % 7 == 0 ? new BigDecimal("1234567890123456.78").add(BigDecimal.valueOf(i)) // text: > 15 digits
                : BigDecimal.valueOf(i, 2);
        LocalDate day = i % 3 == 0 ? null
                : i % 11 == 0 ? LocalDate.of(1899, 12, 31) // text: before Excel's first day
                : LocalDate.of(2020, 1, 1).plusDays(i);
        LocalDateTime at = i % 17 == 0 ? null
                : i % 13 == 0 ? LocalDateTime.of(2020, 1, 1, 0, 0).plusNanos(1_000L * i) // text: microseconds
                : i % 4 == 0 ? LocalDateTime.of(2020, 1, 1, 0, 0).plusSeconds(i).plusNanos(5_000_000)
                : LocalDateTime.of(2020, 1, 1, 0, 0).plusSeconds(i);
        String name = i % 9 == 0 ? null
                : i % 6 == 0 ? " lead " + i
                : i % 10 == 0 ? ""
                : i % 4 == 0 ? "trail\t" + i + "\t"
                : "name-" + i;
        return new Object[] {decimal, day, at, name};
    }

    private static String expectedFormat(Object value) {
        if (value instanceof BigDecimal) {
            return ((BigDecimal) value).precision() > 15 ? null : "0.00";
        }
        if (value instanceof LocalDate) {
            return ((LocalDate) value).getYear() < 1900 ? null : "yyyy-mm-dd";
        }
        if (value instanceof LocalDateTime) {
            int nanos = ((LocalDateTime) value).getNano();
            return nanos % 1_000_000 != 0 ? null : nanos == 0 ? "yyyy-mm-dd hh:mm:ss" : "yyyy-mm-dd hh:mm:ss.000";
        }
        return null;
    }

    private static byte[] write() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultWriter writer = new XlsxResultWriter(out, COLUMNS,
                FormatOptions.builder().format(ResultFormat.XLSX).includeHeader(true).build(), ROWS_PER_SHEET);
        for (int i = 0; i < ROWS; i++) {
            writer.writeRow(row(i));
        }
        writer.finish();
        return out.toByteArray();
    }

    /** Through the central directory, as Excel reads it (the entries are streamed, sizes after the data). */
    private Map<String, String> unzip(byte[] file) throws IOException {
        Path path = Files.write(temp.resolve("result.xlsx"), file);
        Map<String, String> parts = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(path.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                try (InputStream in = zip.getInputStream(entry)) {
                    parts.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return parts;
    }
}
