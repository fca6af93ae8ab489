package org.apache.kylin.asyncquery.bench;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kylin.asyncquery.bench.ResultWriterBenchmark.CountingNullStream;
import org.apache.kylin.rest.asyncquery.format.ResultWriter;
import org.apache.kylin.rest.asyncquery.format.ResultWriterFactory;
import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;
import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;
import org.apache.kylin.rest.asyncquery.vocabulary.ResultFormat;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
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
 * XLSX on the rows of {@link ResultWriterBenchmark}, into a discarding stream: this project's writer ({@code ours})
 * against fastexcel writing the same cells alone ({@code fastexcel}: each value straight to its typed call, the
 * same number formats, none of our checks), which is the writer's own limit. fastexcel's knobs are parameters of the
 * {@code fastexcel} case, so each can be measured alone: the deflate level, shared-strings table or inline strings,
 * rows per flush, and whether a number format is set cell by cell or once for each run of cells in a column.
 * {@code ours} ignores them; set them with JMH's {@code -p}, e.g. {@code -p level=2 -p strings=inline -p styles=run}.
 * One operation is one row. On a shared machine prefer bench/xlsx-knobs ({@link XlsxKnobs}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class XlsxWriterBenchmark {
    static final int ROWS = 50_000;
    private static final String[] FORMATS = {null, null, "0.00", null, "yyyy-mm-dd", "yyyy-mm-dd hh:mm:ss", null,
        null};

    @Param({"ours", "fastexcel"})
    public String writer;

    /** fastexcel's default is 4. */
    @Param({"4"})
    public int level;

    @Param({"shared"})
    public String strings;

    @Param({"1000"})
    public int flushRows;

    /** {@code cell}: a style call per cell; {@code run}: one range style per run of cells before each flush. */
    @Param({"cell"})
    public String styles;

    private List<ColumnMeta> columns;
    private Object[][] rows;
    private FormatOptions options;
    private final ResultWriterFactory writers = new ResultWriterFactory(false);

    @Setup
    public void setUp() {
        columns = ResultWriterBenchmark.columns();
        Object[][] all = ResultWriterBenchmark.rows();
        rows = java.util.Arrays.copyOf(all, ROWS);
        options = FormatOptions.builder().format(ResultFormat.XLSX).includeHeader(true).build();
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long writeRows() throws IOException {
        CountingNullStream out = new CountingNullStream();
        if (writer.equals("ours")) {
            ResultWriter ours = writers.open(out, columns, options);
            for (Object[] row : rows) {
                ours.writeRow(row);
            }
            ours.finish();
        } else {
            fastexcelAlone(out);
        }
        return out.bytes;
    }

    private void fastexcelAlone(CountingNullStream out) throws IOException {
        Workbook workbook = new Workbook(out, "bench", "1.0");
        workbook.setCompressionLevel(level);
        Worksheet sheet = workbook.newWorksheet("Sheet1");
        boolean inline = strings.equals("inline");
        boolean perCell = styles.equals("cell");
        for (int c = 0; c < columns.size(); c++) {
            text(sheet, 0, c, columns.get(c).name(), inline);
        }
        int blockStart = 1;
        for (int i = 0; i < rows.length; i++) {
            int r = i + 1;
            Object[] row = rows[i];
            sheet.value(r, 0, (Number) row[0]);
            sheet.value(r, 1, (Number) row[1]);
            sheet.value(r, 2, (BigDecimal) row[2]);
            text(sheet, r, 3, (String) row[3], inline);
            sheet.value(r, 4, (LocalDate) row[4]);
            sheet.value(r, 5, (LocalDateTime) row[5]);
            sheet.value(r, 6, (Boolean) row[6]);
            sheet.value(r, 7, (Number) row[7]);
            if (perCell) {
                for (int c = 0; c < FORMATS.length; c++) {
                    if (FORMATS[c] != null) {
                        sheet.style(r, c).format(FORMATS[c]).set();
                    }
                }
            }
            if (r % flushRows == 0) {
                if (!perCell) {
                    styleBlock(sheet, blockStart, r);
                    blockStart = r + 1;
                }
                sheet.flush();
            }
        }
        if (!perCell && blockStart <= rows.length) {
            styleBlock(sheet, blockStart, rows.length);
        }
        workbook.finish();
    }

    private static void styleBlock(Worksheet sheet, int top, int bottom) {
        for (int c = 0; c < FORMATS.length; c++) {
            if (FORMATS[c] != null) {
                sheet.range(top, c, bottom, c).style().format(FORMATS[c]).set();
            }
        }
    }

    private static void text(Worksheet sheet, int r, int c, String text, boolean inline) {
        if (inline) {
            sheet.inlineString(r, c, text);
        } else {
            sheet.value(r, c, text);
        }
    }
}
