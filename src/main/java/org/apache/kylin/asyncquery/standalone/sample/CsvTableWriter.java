package org.apache.kylin.asyncquery.standalone.sample;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Writes one table as {@code <TABLE>.csv} in the dialect that Calcite's file adapter
 * (calcite-file 1.37, which parses with opencsv 2.3) reads back unchanged.
 *
 * <p>Output contract: UTF-8 without BOM, one typed header line, records terminated by {@code \n},
 * separator {@code ,}. A value is quoted when it is empty or contains {@code , " \ CR LF}, or
 * has leading or trailing whitespace; inside quotes {@code "} is doubled and {@code \} is
 * doubled, because opencsv 2.3 treats a backslash as an escape character and would otherwise
 * drop it. A Java {@code null} is written as an empty unquoted field.
 *
 * <p>Accepted values: {@code null}, {@link String}, {@link Byte}, {@link Short},
 * {@link Integer}, {@link Long}, {@link Boolean}, {@link BigDecimal} (plain notation) and
 * {@link LocalDate} (ISO). Floating-point objects are rejected on purpose: {@code
 * Double.toString} output changed in JDK 19, which would break byte-for-byte reproducibility, so
 * callers pass such values as literal strings.
 */
final class CsvTableWriter implements Closeable {

    private final String table;
    private final int columnCount;
    private final Writer out;
    private long rows;

    CsvTableWriter(Path directory, String table, List<Column> columns) throws IOException {
        this.table = table;
        this.columnCount = columns.size();
        this.out = Files.newBufferedWriter(directory.resolve(table + ".csv"), StandardCharsets.UTF_8);
        StringBuilder header = new StringBuilder();
        for (Column column : columns) {
            if (header.length() > 0) {
                header.append(',');
            }
            header.append(column.headerCell());
        }
        out.write(header.append('\n').toString());
    }

    String table() {
        return table;
    }

    long rowCount() {
        return rows;
    }

    /** Appends one record; the number of values must match the header. */
    void row(Object... values) throws IOException {
        if (values.length != columnCount) {
            throw new IllegalArgumentException(table + ": expected " + columnCount
                    + " values but got " + values.length);
        }
        StringBuilder line = new StringBuilder(128);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            appendValue(line, values[i]);
        }
        out.write(line.append('\n').toString());
        rows++;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private static void appendValue(StringBuilder line, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof String) {
            line.append(encode((String) value));
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte || value instanceof Boolean) {
            line.append(value);
        } else if (value instanceof BigDecimal) {
            line.append(((BigDecimal) value).toPlainString());
        } else if (value instanceof LocalDate) {
            line.append(value);
        } else {
            throw new IllegalArgumentException("unsupported value type " + value.getClass().getName());
        }
    }

    /** Encodes a string cell (see the class comment for the rules). */
    static String encode(String value) {
        if (!needsQuotes(value)) {
            return value;
        }
        StringBuilder quoted = new StringBuilder(value.length() + 8).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append(c);
            }
            quoted.append(c);
        }
        return quoted.append('"').toString();
    }

    private static boolean needsQuotes(String value) {
        if (value.isEmpty()) {
            // The adapter reads "" and an empty field alike, but quoting keeps the intent
            // (empty string, not NULL) visible to other CSV readers.
            return true;
        }
        if (isBlank(value.charAt(0)) || isBlank(value.charAt(value.length() - 1))) {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\\' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /** Writers of one schema directory, remembering what was written, in order. */
    static final class SchemaDirectory {
        private final Path directory;
        private final List<CsvTableWriter> opened = new ArrayList<>();

        SchemaDirectory(Path directory) throws IOException {
            this.directory = Files.createDirectories(directory);
        }

        CsvTableWriter open(String table, List<Column> columns) throws IOException {
            CsvTableWriter writer = new CsvTableWriter(directory, table, columns);
            opened.add(writer);
            return writer;
        }

        /** The writers opened so far (closed or not), in opening order. */
        List<CsvTableWriter> tables() {
            return Collections.unmodifiableList(opened);
        }
    }
}
