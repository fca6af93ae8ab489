package org.apache.kylin.rest.asyncquery.format;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;
import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;
import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;

/**
 * RFC 4180 CSV with a chosen separator: CRLF line ends, quotes doubled inside a quoted field, and SQL NULL as an
 * empty field. A field is quoted as Commons CSV's minimal mode quotes it, which is more often than RFC 4180 needs:
 * when it holds the separator, a quote or a line break, when its first character is at most '#' or its last at most
 * a space, and when it is an empty text first in its line. (SparkTextLines reproduces exactly this.) UTF-8 (optionally with a byte-order mark, for
 * Excel) or GBK; a value GBK cannot hold stops the export instead of turning into '?'.
 */
final class CsvResultWriter implements ResultWriter {
    private static final int BUFFER_CHARS = 64 * 1024;
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final UnsynchronizedBufferedWriter text;
    private final CSVPrinter printer;
    private final String[] fields;
    private final List<ColumnMeta> columns;
    private final boolean escapeFormulas;
    /** Null for UTF-8, which holds every character; otherwise checks each value before it is written. */
    private final CharsetEncoder narrowEncoder;
    private long row;

    CsvResultWriter(OutputStream out, List<ColumnMeta> columns, FormatOptions options, boolean escapeFormulas)
            throws IOException {
        Charset charset = options.charset();
        this.columns = columns;
        this.escapeFormulas = escapeFormulas;
        this.narrowEncoder = charset.equals(StandardCharsets.UTF_8) ? null : charset.newEncoder();
        if (options.byteOrderMark() && narrowEncoder == null) {
            out.write(UTF8_BOM);
        }
        this.text = new UnsynchronizedBufferedWriter(new OutputStreamWriter(out, charset), BUFFER_CHARS);
        CSVFormat format = CSVFormat.RFC4180.builder()
                .setDelimiter(options.separator())
                .setQuoteMode(QuoteMode.MINIMAL)
                .setRecordSeparator("\r\n")
                .build();
        this.printer = new CSVPrinter(text, format);
        this.fields = new String[columns.size()];
        if (options.includeHeader()) {
            for (int i = 0; i < fields.length; i++) {
                fields[i] = checked(columns.get(i).name(), i);
            }
            printer.printRecord((Object[]) fields);
        }
    }

    @Override
    public void writeRow(Object[] values) throws IOException {
        row++;
        for (int i = 0; i < fields.length; i++) {
            Object value = values[i];
            String field = value == null ? null
                    : escapeFormulas && value instanceof String ? FormulaEscaping.escape((String) value)
                    : TextValues.format(value);
            fields[i] = field == null ? null : checked(field, i);
        }
        printer.printRecord((Object[]) fields);
    }

    @Override
    public void finish() throws IOException {
        printer.flush();
        text.flush();
    }

    private String checked(String field, int column) {
        if (narrowEncoder != null && !narrowEncoder.canEncode(field)) {
            throw new ValueNotWritableException("Row " + row + ", column " + columns.get(column).name()
                    + " holds a character that " + narrowEncoder.charset().name()
                    + " cannot encode; export it with encode=utf-8 instead.");
        }
        return field;
    }
}
