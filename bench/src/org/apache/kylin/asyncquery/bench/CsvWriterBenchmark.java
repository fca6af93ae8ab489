package org.apache.kylin.asyncquery.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Types;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import de.siegmar.fastcsv.writer.QuoteStrategy;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;
import org.apache.kylin.rest.asyncquery.format.ResultWriter;
import org.apache.kylin.rest.asyncquery.format.ResultWriterFactory;
import org.apache.kylin.rest.asyncquery.format.TextValues;
import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;
import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * CSV writers on the same rows as {@link ResultWriterBenchmark}, each configured as close to this project's CSV
 * as it allows (separator, CRLF, minimal quoting, NULL as an empty field, UTF-8 through the same
 * OutputStreamWriter), and given each value's {@link TextValues} text: Commons CSV 1.10.0 as the writer used it
 * before, FastCSV 2.2.2 (its Java 8 line), Jackson's CSV module at the build's Jackson version, and this project's
 * own writer, which quotes itself and prints numbers and dates straight into its buffer. The setup prints whether
 * each writes the same bytes as ours, on these rows and on rows of awkward text. One operation is one row.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CsvWriterBenchmark {
    private static final Object[][] AWKWARD = {
        {"", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", "#hash", "!bang", " lead", "trail ", "tab\t"},
        {null, "", "-5", "=1", "plain", "'q", "\"", "x", " ", "end\t"},
    };

    @Param({"commons", "fastcsv", "jackson", "ours"})
    public String writer;

    private List<ColumnMeta> columns;
    private Object[][] rows;

    @Setup
    public void setUp() throws IOException {
        columns = ResultWriterBenchmark.columns();
        rows = ResultWriterBenchmark.rows();
        byte[] ours = write("ours", columns, rows);
        byte[] theirs = write(writer, columns, rows);
        List<ColumnMeta> textColumns = Arrays.asList(new ColumnMeta[AWKWARD[0].length]);
        for (int i = 0; i < textColumns.size(); i++) {
            textColumns.set(i, new ColumnMeta("T" + i, "VARCHAR", Types.VARCHAR, 0, 0));
        }
        byte[] oursAwkward = write("ours", textColumns, AWKWARD);
        byte[] theirsAwkward = write(writer, textColumns, AWKWARD);
        System.out.println("CSV writer " + writer + ": same bytes as ours on the benchmark's rows: "
                + Arrays.equals(ours, theirs) + "; on awkward text: " + Arrays.equals(oursAwkward, theirsAwkward)
                + (Arrays.equals(oursAwkward, theirsAwkward) ? ""
                        : "\n  ours:   " + visible(oursAwkward) + "\n  theirs: " + visible(theirsAwkward)));
    }

    @Benchmark
    @OperationsPerInvocation(ResultWriterBenchmark.ROWS)
    public long writeRows() throws IOException {
        ResultWriterBenchmark.CountingNullStream out = new ResultWriterBenchmark.CountingNullStream();
        write(writer, columns, rows, out);
        return out.bytes;
    }

    /**
     * The same writers in turn, round after round, on a machine too busy for JMH's one-writer-after-another
     * iterations to be compared: prints each writer's median rows per second over the rounds, and the rounds.
     *   java ... CsvWriterBenchmark [ROUNDS]
     */
    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        String[] writers = {"commons", "fastcsv", "jackson", "ours"};
        List<ColumnMeta> columns = ResultWriterBenchmark.columns();
        Object[][] rows = ResultWriterBenchmark.rows();
        double[][] rowsPerSecond = new double[writers.length][rounds];
        for (int round = -5; round < rounds; round++) {
            for (int w = 0; w < writers.length; w++) {
                long start = System.nanoTime();
                write(writers[w], columns, rows, new ResultWriterBenchmark.CountingNullStream());
                double seconds = (System.nanoTime() - start) / 1e9;
                if (round >= 0) {
                    rowsPerSecond[w][round] = rows.length / seconds;
                }
            }
        }
        for (int w = 0; w < writers.length; w++) {
            double[] sorted = rowsPerSecond[w].clone();
            Arrays.sort(sorted);
            System.out.printf("%-8s median %,10.0f rows/s over %d rounds (min %,.0f, max %,.0f)%n", writers[w],
                    sorted[rounds / 2], rounds, sorted[0], sorted[rounds - 1]);
        }
    }

    private static byte[] write(String writer, List<ColumnMeta> columns, Object[][] rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(writer, columns, rows, out);
        return out.toByteArray();
    }

    private static void write(String writer, List<ColumnMeta> columns, Object[][] rows, OutputStream out)
            throws IOException {
        switch (writer) {
            case "commons":
                commons(columns, rows, out);
                break;
            case "fastcsv":
                fastCsv(columns, rows, out);
                break;
            case "jackson":
                jackson(columns, rows, out);
                break;
            case "ours":
                ours(columns, rows, out);
                break;
            default:
                throw new IllegalArgumentException(writer);
        }
    }

    /** The CSV writer as it was before this benchmark: Commons CSV's printer over an unsynchronized buffer. */
    private static void commons(List<ColumnMeta> columns, Object[][] rows, OutputStream out) throws IOException {
        Writer text = new UnsynchronizedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        CSVPrinter printer = new CSVPrinter(text, CSVFormat.RFC4180.builder().setDelimiter(',')
                .setQuoteMode(QuoteMode.MINIMAL).setRecordSeparator("\r\n").build());
        String[] fields = new String[columns.size()];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = columns.get(i).name();
        }
        printer.printRecord((Object[]) fields);
        for (Object[] row : rows) {
            for (int i = 0; i < fields.length; i++) {
                fields[i] = row[i] == null ? null : TextValues.format(row[i]);
            }
            printer.printRecord((Object[]) fields);
        }
        printer.flush();
        text.flush();
    }

    /** FastCSV 2.2 quotes what holds the separator, a quote or a line break, or starts with its comment character. */
    private static void fastCsv(List<ColumnMeta> columns, Object[][] rows, OutputStream out) throws IOException {
        Writer text = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CsvWriter csv = CsvWriter.builder().fieldSeparator(',').quoteCharacter('"')
                .quoteStrategy(QuoteStrategy.REQUIRED).lineDelimiter(LineDelimiter.CRLF).bufferSize(64 * 1024)
                .build(text);
        String[] fields = new String[columns.size()];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = columns.get(i).name();
        }
        csv.writeRow(fields);
        for (Object[] row : rows) {
            for (int i = 0; i < fields.length; i++) {
                fields[i] = row[i] == null ? null : TextValues.format(row[i]);
            }
            csv.writeRow(fields);
        }
        // FastCSV's close flushes its buffer and closes the Writer; the discarding stream does not mind.
        csv.close();
    }

    /** Jackson's CSV generator with its strict quoting check (the loose default quotes any field with a space). */
    private static void jackson(List<ColumnMeta> columns, Object[][] rows, OutputStream out) throws IOException {
        CsvFactory factory = new CsvFactory();
        CsvGenerator csv = factory.createGenerator(out);
        csv.enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING);
        csv.setSchema(CsvSchema.emptySchema().withoutHeader().withColumnSeparator(',').withQuoteChar('"')
                .withoutEscapeChar().withLineSeparator("\r\n").withNullValue(""));
        csv.writeStartArray();
        for (ColumnMeta column : columns) {
            csv.writeString(column.name());
        }
        csv.writeEndArray();
        for (Object[] row : rows) {
            csv.writeStartArray();
            for (Object value : row) {
                if (value == null) {
                    csv.writeNull();
                } else {
                    csv.writeString(TextValues.format(value));
                }
            }
            csv.writeEndArray();
        }
        csv.flush();
    }

    private static void ours(List<ColumnMeta> columns, Object[][] rows, OutputStream out) throws IOException {
        ResultWriter csv = new ResultWriterFactory(false).open(out, columns,
                FormatOptions.builder().includeHeader(true).build());
        for (Object[] row : rows) {
            csv.writeRow(row);
        }
        csv.finish();
    }

    private static String visible(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8).replace("\r", "\\r").replace("\n", "\\n")
                .replace("\t", "\\t");
    }

    /** The old writer's UnsynchronizedBufferedWriter, as it was: BufferedWriter without its lock. */
    private static final class UnsynchronizedWriter extends Writer {
        private final Writer out;
        private final char[] buffer = new char[64 * 1024];
        private int count;

        UnsynchronizedWriter(Writer out) {
            this.out = out;
        }

        @Override
        public void write(int c) throws IOException {
            if (count == buffer.length) {
                flushBuffer();
            }
            buffer[count++] = (char) c;
        }

        @Override
        public void write(String text, int offset, int length) throws IOException {
            while (length > 0) {
                if (count == buffer.length) {
                    flushBuffer();
                }
                int n = Math.min(length, buffer.length - count);
                text.getChars(offset, offset + n, buffer, count);
                count += n;
                offset += n;
                length -= n;
            }
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            write(new String(chars, offset, length), 0, length);
        }

        @Override
        public Writer append(CharSequence text, int start, int end) throws IOException {
            if (text instanceof String) {
                write((String) text, start, end - start);
            } else {
                String s = String.valueOf(text.subSequence(start, end));
                write(s, 0, s.length());
            }
            return this;
        }

        @Override
        public Writer append(CharSequence text) throws IOException {
            String s = String.valueOf(text);
            write(s, 0, s.length());
            return this;
        }

        @Override
        public Writer append(char c) throws IOException {
            write(c);
            return this;
        }

        @Override
        public void flush() throws IOException {
            flushBuffer();
            out.flush();
        }

        @Override
        public void close() throws IOException {
            flush();
            out.close();
        }

        private void flushBuffer() throws IOException {
            if (count > 0) {
                out.write(buffer, 0, count);
                count = 0;
            }
        }
    }
}
