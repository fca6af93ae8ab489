package org.apache.kylin.rest.asyncquery.format;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;
import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;

/** Opens the {@link ResultWriter} for a set of {@link FormatOptions}. */
public final class ResultWriterFactory {
    private final boolean escapeFormulas;
    private final boolean writerThread;

    /** A factory whose writers run on the caller's thread. */
    public ResultWriterFactory(boolean escapeFormulas) {
        this(escapeFormulas, false);
    }

    /**
     * @param escapeFormulas whether text cells that a spreadsheet would run as formulas are neutralised
     * @param writerThread whether each writer formats and writes on a thread of its own
     *     ({@link HandoffResultWriter}), so that the caller's reading overlaps with it
     */
    public ResultWriterFactory(boolean escapeFormulas, boolean writerThread) {
        this.escapeFormulas = escapeFormulas;
        this.writerThread = writerThread;
    }

    /** Whether its writers neutralise text cells a spreadsheet would run as formulas. */
    public boolean escapesFormulas() {
        return escapeFormulas;
    }

    /**
     * A writer into {@code out}, the stored file. CSV and JSON with a compression of gzip or zstd are compressed on
     * the way (on the writer's thread when there is one), and the writer counts their text before compression.
     */
    public ResultWriter open(OutputStream out, List<ColumnMeta> columns, FormatOptions options) throws IOException {
        ResultWriter writer = options.storesCompressedText()
                ? CompressingResultWriter.over(out, options.compression(), text -> openOnThisThread(text, columns,
                        options))
                : openOnThisThread(out, columns, options);
        return writerThread ? new HandoffResultWriter(writer, columns.size(), "async-query-writer") : writer;
    }

    private ResultWriter openOnThisThread(OutputStream out, List<ColumnMeta> columns, FormatOptions options)
            throws IOException {
        switch (options.format()) {
            case CSV:
                return new CsvResultWriter(out, columns, options, escapeFormulas);
            case JSON:
                return new JsonResultWriter(out, columns, options);
            case XLSX:
                return new XlsxResultWriter(out, columns, options);
            case PARQUET:
                return new ParquetResultWriter(out, columns, ParquetResultWriter.codecFor(options.compression()));
            default:
                throw new IllegalArgumentException("No writer for format " + options.format());
        }
    }
}
