package org.apache.kylin.rest.asyncquery.format;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;
import org.apache.kylin.rest.asyncquery.engine.ColumnMeta;

/**
 * RFC 4180 CSV with a chosen separator: CRLF line ends, a field quoted when it holds the separator, a quote or a
 * line break, quotes doubled inside, and SQL NULL as an empty field. UTF-8.
 */
final class CsvResultWriter implements ResultWriter {
    private static final int BUFFER_CHARS = 64 * 1024;

    private final BufferedWriter text;
    private final CSVPrinter printer;
    private final String[] fields;
    private final boolean escapeFormulas;

    CsvResultWriter(OutputStream out, List<ColumnMeta> columns, FormatOptions options, boolean escapeFormulas)
            throws IOException {
        this.escapeFormulas = escapeFormulas;
        this.text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), BUFFER_CHARS);
        CSVFormat format = CSVFormat.RFC4180.builder()
                .setDelimiter(options.separator())
                .setQuoteMode(QuoteMode.MINIMAL)
                .setRecordSeparator("\r\n")
                .build();
        this.printer = new CSVPrinter(text, format);
        this.fields = new String[columns.size()];
        if (options.includeHeader()) {
            for (int i = 0; i < fields.length; i++) {
                fields[i] = columns.get(i).name();
            }
            printer.printRecord((Object[]) fields);
        }
    }

    @Override
    public void writeRow(Object[] values) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            Object value = values[i];
            fields[i] = value == null ? null
                    : escapeFormulas && value instanceof String ? FormulaEscaping.escape((String) value)
                    : TextValues.format(value);
        }
        printer.printRecord((Object[]) fields);
    }

    @Override
    public void finish() throws IOException {
        printer.flush();
        text.flush();
    }
}
