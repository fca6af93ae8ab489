package org.apache.kylin.asyncquery.standalone.sample;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * {@code DEFAULT.TYPE_SAMPLE}: one column per file-adapter type and rows of deliberately awkward
 * values for result-format tests (CSV/Excel/JSON export).
 *
 * <p>How the adapter reads these cells back (calcite-file 1.37, verified):
 * <ul>
 *   <li>An empty cell is SQL NULL for BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, REAL, DOUBLE,
 *       DECIMAL, DATE, TIME and TIMESTAMP.</li>
 *   <li>An empty cell is the empty string for VARCHAR (quoted or not): a VARCHAR column read
 *       from CSV can never be NULL. An empty CHAR(1) cell comes back as a single space.</li>
 *   <li>CR and CRLF inside a quoted value come back as LF, because opencsv 2.3 reads
 *       physical lines with {@code BufferedReader.readLine()} and re-joins them with LF. The
 *       file still contains the CR bytes.</li>
 * </ul>
 */
final class TypeSampleTable {

    static final String TABLE = "TYPE_SAMPLE";

    /** Column order of {@link #rows()}. */
    static final List<Column> COLUMNS = Collections.unmodifiableList(Arrays.asList(
            Column.integer("ID"),
            Column.varchar("CASE_NAME"),
            Column.varchar("C_VARCHAR"),
            Column.char1("C_CHAR"),
            Column.bool("C_BOOLEAN"),
            Column.tinyint("C_TINYINT"),
            Column.smallint("C_SMALLINT"),
            Column.integer("C_INTEGER"),
            Column.bigint("C_BIGINT"),
            Column.real("C_REAL"),
            Column.dbl("C_DOUBLE"),
            Column.decimal("C_DECIMAL", 19, 4),
            Column.date("C_DATE"),
            Column.time("C_TIME"),
            Column.timestamp("C_TIMESTAMP")));

    private TypeSampleTable() {
    }

    /**
     * The rows exactly as written, every cell as its CSV text ({@code null} = empty cell).
     * Returns a fresh copy each time.
     */
    static List<String[]> rows() {
        List<String[]> rows = new ArrayList<>();
        rows.add(ordinary(1, "plain values", "plain text", "A"));
        rows.add(new String[] {"2", "all nullable columns empty", "", null,
            null, null, null, null, null, null, null, null, null, null, null});
        rows.add(ordinary(3, "comma and semicolon", "a,b;c,,d;", ","));
        rows.add(ordinary(4, "double quotes", "He said \"hi\" and \"\"bye\"\"", "\""));
        rows.add(ordinary(5, "embedded LF", "line 1\nline 2\n\nline 4\n", "L"));
        rows.add(ordinary(6, "embedded CR and CRLF", "cr\ronly | crlf\r\nend", "R"));
        rows.add(ordinary(7, "tabs", "col1\tcol2\t", "T"));
        rows.add(ordinary(8, "leading equals", "=SUM(A1:A9)", "="));
        rows.add(ordinary(9, "leading plus", "+1 (555) 0100", "+"));
        rows.add(ordinary(10, "leading minus", "-2+3", "-"));
        rows.add(ordinary(11, "leading at", "@SUM(1+1)*cmd|' /C calc'!A0", "@"));
        rows.add(ordinary(12, "non-ASCII", "中文测试 Ünïcödé café naïve 😀🚀 日本語", "中"));
        rows.add(ordinary(13, "leading and trailing spaces", "  padded  ", " "));
        rows.add(ordinary(14, "backslashes", "C:\\temp\\new folder\\ and trailing \\", "\\"));
        rows.add(new String[] {"15", "minimum values", "min", "0",
            "false", "-128", "-32768", "-2147483648", "-9223372036854775808",
            "-3.4028235E38", "-1.7976931348623157E308", "-999999999999999.9999",
            "1900-01-01", "00:00:00", "1900-01-01 00:00:00"});
        rows.add(new String[] {"16", "maximum values", "max", "9",
            "true", "127", "32767", "2147483647", "9223372036854775807",
            "3.4028235E38", "1.7976931348623157E308", "999999999999999.9999",
            "9999-12-31", "23:59:59", "9999-12-31 23:59:59"});
        rows.add(new String[] {"17", "zeros and epoch", "0", "0",
            "false", "0", "0", "0", "0", "0.0", "0.0", "0.0000",
            "1970-01-01", "00:00:00", "1970-01-01 00:00:00"});
        rows.add(new String[] {"18", "fractions and leap days", "0.1", ".",
            "true", "-1", "-1", "-1", "-1", "0.1", "3.141592653589793", "-0.0001",
            "2000-02-29", "12:00:00", "2024-02-29 23:59:59"});
        rows.add(new String[] {"19", "some columns empty", "   ", "x",
            null, "7", null, "42", null, null, "2.5", null, "2023-06-30", null, null});
        rows.add(ordinary(20, "markup, SQL and long text", longText(), "<"));
        return rows;
    }

    static void write(CsvTableWriter.SchemaDirectory directory) throws IOException {
        try (CsvTableWriter writer = directory.open(TABLE, COLUMNS)) {
            for (String[] row : rows()) {
                writer.row((Object[]) row);
            }
        }
    }

    /** A row whose awkwardness is in the text columns; the other columns vary with the id. */
    private static String[] ordinary(int id, String caseName, String varchar, String char1) {
        String dd = CalendarText.twoDigits(id);
        return new String[] {Integer.toString(id), caseName, varchar, char1,
            Boolean.toString(id % 2 == 0),
            Integer.toString(id),
            Integer.toString(id * 100),
            Integer.toString(id * 10000),
            Long.toString(id * 10000000000L),
            id + ".25",
            id + ".125",
            id + "." + CalendarText.twoDigits(id) + "01",
            "2024-01-" + dd,
            dd + ":30:15",
            "2024-01-" + dd + " " + dd + ":30:15"};
    }

    private static String longText() {
        StringBuilder text = new StringBuilder("<b>bold</b> &amp; {\"k\":[1,2]} O'Brien; DROP TABLE T;-- ");
        for (int i = 0; i < 8; i++) {
            text.append("The quick brown fox jumps over the lazy dog ").append(i).append(". ");
        }
        return text.toString().trim();
    }
}
