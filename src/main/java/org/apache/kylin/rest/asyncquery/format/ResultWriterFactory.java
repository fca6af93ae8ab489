package org.apache.kylin.rest.asyncquery.format;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

import org.apache.kylin.rest.asyncquery.engine.ColumnMeta;

/** Opens the {@link ResultWriter} for a set of {@link FormatOptions}. */
public final class ResultWriterFactory {

    public ResultWriter open(OutputStream out, List<ColumnMeta> columns, FormatOptions options) throws IOException {
        switch (options.format()) {
            case CSV:
                return new CsvResultWriter(out, columns, options);
            default:
                throw new IllegalArgumentException("No writer for format " + options.format());
        }
    }
}
