package org.apache.kylin.rest.asyncquery.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;
import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;
import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;
import org.junit.jupiter.api.Test;

/**
 * The CSV writer prints its fields itself, straight into its buffer; before, Commons CSV printed each value's
 * String. This compares the two byte for byte on random rows of every type, with every kind of separator
 * (including the characters of numbers and dates), with and without header, BOM, GBK and formula escaping.
 */
class CsvResultWriterDifferentialTest {
    private static final String SEPARATORS = ",;|\t #!'0159-.:+aeEINfnty=@\u00a0中";

    @Test
    void writesWhatCommonsCsvWroteFromTheTextForms() throws IOException {
        Random random = new Random(18);
        RandomValues values = new RandomValues(1);
        for (int round = 0; round < 2_000; round++) {
            int columnCount = 1 + random.nextInt(6);
            List<ColumnMeta> columns = new ArrayList<>();
            for (int c = 0; c < columnCount; c++) {
                String name = random.nextInt(4) == 0 ? values.text() : "C" + c;
                columns.add(new ColumnMeta(name, "VARCHAR", Types.VARCHAR, 0, 0));
            }
            boolean gbk = random.nextInt(5) == 0;
            FormatOptions options = FormatOptions.builder()
                    .separator(SEPARATORS.charAt(random.nextInt(SEPARATORS.length())))
                    .includeHeader(random.nextBoolean())
                    .byteOrderMark(random.nextBoolean())
                    .encoding(gbk ? FormatOptions.GBK : "utf-8")
                    .build();
            boolean escapeFormulas = random.nextBoolean();
            List<Object[]> rows = new ArrayList<>();
            for (int r = random.nextInt(20); r > 0; r--) {
                Object[] row = new Object[columnCount];
                for (int c = 0; c < columnCount; c++) {
                    row[c] = values.any();
                }
                rows.add(row);
            }
            String what = "round " + round + ", separator '" + options.separator() + "', " + options.encoding();
            if (gbk && !gbkHoldsAllText(options, columns, escapeFormulas, rows)) {
                assertThatThrownBy(() -> written(columns, options, escapeFormulas, rows)).as(what)
                        .isInstanceOf(ValueNotWritableException.class).hasMessageContaining("GBK cannot encode");
                continue;
            }
            assertThat(written(columns, options, escapeFormulas, rows))
                    .as(what).isEqualTo(writtenByCommonsCsv(columns, options, escapeFormulas, rows));
        }
    }

    private static byte[] written(List<ColumnMeta> columns, FormatOptions options, boolean escapeFormulas,
            List<Object[]> rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultWriter writer = new ResultWriterFactory(escapeFormulas).open(out, columns, options);
        for (Object[] row : rows) {
            writer.writeRow(row);
        }
        writer.finish();
        return out.toByteArray();
    }

    /** The CSV writer as it was, on Commons CSV 1.10.0 (the GBK check aside: these rows' text GBK holds). */
    private static byte[] writtenByCommonsCsv(List<ColumnMeta> columns, FormatOptions options,
            boolean escapeFormulas, List<Object[]> rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Charset charset = options.charset();
        if (options.byteOrderMark() && charset.equals(StandardCharsets.UTF_8)) {
            out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        Writer text = new OutputStreamWriter(out, charset);
        CSVPrinter printer = new CSVPrinter(text, CSVFormat.RFC4180.builder()
                .setDelimiter(options.separator())
                .setQuoteMode(QuoteMode.MINIMAL)
                .setRecordSeparator("\r\n")
                .build());
        if (options.includeHeader()) {
            printer.printRecord(columns.stream().map(ColumnMeta::name).toArray());
        }
        for (Object[] row : rows) {
            String[] fields = new String[row.length];
            for (int i = 0; i < row.length; i++) {
                Object value = row[i];
                fields[i] = value == null ? null
                        : escapeFormulas && value instanceof String ? FormulaEscaping.escape((String) value)
                        : TextValues.format(value);
            }
            printer.printRecord((Object[]) fields);
        }
        printer.flush();
        return out.toByteArray();
    }

    private static boolean gbkHoldsAllText(FormatOptions options, List<ColumnMeta> columns, boolean escapeFormulas, List<Object[]> rows) {
        CharsetEncoder gbk = Charset.forName("GBK").newEncoder();
        boolean holds = !options.includeHeader() || columns.stream().allMatch(column -> gbk.canEncode(column.name()));
        for (Object[] row : rows) {
            for (Object value : row) {
                if (value instanceof String) {
                    String text = (String) value;
                    holds &= gbk.canEncode(escapeFormulas ? FormulaEscaping.escape(text) : text);
                }
            }
        }
        return holds;
    }
}
