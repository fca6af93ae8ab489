package org.apache.kylin.rest.asyncquery.format;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;
import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;

/**
 * RFC 4180 CSV with a chosen separator: CRLF line ends, quotes doubled inside a quoted field, and SQL NULL as an
 * empty field. A field is quoted as Commons CSV's minimal mode quoted it (this writer replaced it, byte for byte),
 * which is more often than RFC 4180 needs: when it holds the separator, a quote or a line break, when its first
 * character is at most '#' or its last at most a space, and when it is an empty text first in its line.
 * (SparkTextLines reproduces exactly this.) UTF-8 (optionally with a byte-order mark, for Excel) or GBK; a value
 * GBK cannot hold stops the export instead of turning into '?'.
 *
 * <p>Integers, whole-number doubles, decimals, dates, times and timestamps are printed straight into the output buffer, unquoted: their
 * text holds only digits and {@code - . : space}, never first or last, so it needs quotes only if the separator is
 * one of those characters, and then they take the general path.
 */
final class CsvResultWriter implements ResultWriter {
    private static final int BUFFER_CHARS = 64 * 1024;
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    /** The characters of the text forms printed straight into the buffer. */
    private static final String PRINTED_CHARACTERS = "0123456789-.: ";
    private static final char QUOTE = '"';

    private final UnsynchronizedBufferedWriter text;
    private final char separator;
    private final List<ColumnMeta> columns;
    private final boolean escapeFormulas;
    /** Whether numbers, dates and times can go straight into the buffer: the separator is none of their characters. */
    private final boolean printDirectly;
    /** Null for UTF-8, which holds every character; otherwise checks each value before it is written. */
    private final CharsetEncoder narrowEncoder;
    private long row;

    CsvResultWriter(OutputStream out, List<ColumnMeta> columns, FormatOptions options, boolean escapeFormulas)
            throws IOException {
        Charset charset = options.charset();
        this.columns = columns;
        this.escapeFormulas = escapeFormulas;
        this.separator = options.separator();
        this.printDirectly = PRINTED_CHARACTERS.indexOf(separator) < 0;
        this.narrowEncoder = charset.equals(StandardCharsets.UTF_8) ? null : charset.newEncoder();
        if (options.byteOrderMark() && narrowEncoder == null) {
            out.write(UTF8_BOM);
        }
        this.text = new UnsynchronizedBufferedWriter(new OutputStreamWriter(out, charset), BUFFER_CHARS);
        if (options.includeHeader()) {
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    text.write(separator);
                }
                writeText(columns.get(i).name(), i);
            }
            endRecord();
        }
    }

    @Override
    public void writeRow(Object[] values) throws IOException {
        row++;
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                text.write(separator);
            }
            Object value = values[i];
            if (value == null) {
                continue;
            }
            if (value instanceof String) {
                String string = (String) value;
                writeText(escapeFormulas ? FormulaEscaping.escape(string) : string, i);
            } else if (!printDirectly || !printed(value)) {
                writeText(TextValues.format(value), i);
            }
        }
        endRecord();
    }

    @Override
    public void finish() throws IOException {
        text.flush();
    }

    /** Prints the value's text form straight into the buffer if it is of a type that can be; says whether it was. */
    private boolean printed(Object value) throws IOException {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            text.printLong(((Number) value).longValue());
        } else if ((value instanceof Double || value instanceof Float)
                && TextValues.printsWholeNumber(((Number) value).doubleValue())) {
            text.printWholeNumber(((Number) value).doubleValue());
        } else if (value instanceof BigDecimal && TextValues.printsDecimal((BigDecimal) value)) {
            text.printDecimal((BigDecimal) value);
        } else if (value instanceof LocalDateTime && TextValues.printsTimestamp((LocalDateTime) value)) {
            text.printTimestamp((LocalDateTime) value);
        } else if (value instanceof LocalDate && TextValues.printsDate((LocalDate) value)) {
            text.printDate((LocalDate) value);
        } else if (value instanceof LocalTime) {
            text.printTime((LocalTime) value);
        } else {
            return false;
        }
        return true;
    }

    private void endRecord() throws IOException {
        text.write('\r');
        text.write('\n');
    }

    /** Writes a field, quoted where Commons CSV's minimal mode quoted it. */
    private void writeText(String field, int column) throws IOException {
        if (narrowEncoder != null && !narrowEncoder.canEncode(field)) {
            throw new ValueNotWritableException("Row " + row + ", column " + columns.get(column).name()
                    + " holds a character that " + narrowEncoder.charset().name()
                    + " cannot encode; export it with encode=utf-8 instead.");
        }
        if (!needsQuotes(field, column == 0)) {
            text.write(field, 0, field.length());
            return;
        }
        text.write(QUOTE);
        int start = 0;
        for (int i = field.indexOf(QUOTE); i >= 0; i = field.indexOf(QUOTE, i + 1)) {
            text.write(field, start, i + 1 - start);
            text.write(QUOTE);
            start = i + 1;
        }
        text.write(field, start, field.length() - start);
        text.write(QUOTE);
    }

    private boolean needsQuotes(String field, boolean firstInRecord) {
        int length = field.length();
        if (length == 0) {
            // An empty line would read as no fields at all.
            return firstInRecord;
        }
        if (field.charAt(0) <= '#') {
            return true;
        }
        for (int i = 0; i < length; i++) {
            char c = field.charAt(i);
            if (c == separator || c == QUOTE || c == '\n' || c == '\r') {
                return true;
            }
        }
        return field.charAt(length - 1) <= ' ';
    }
}
