package org.apache.kylin.rest.asyncquery.spark;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

import org.apache.kylin.rest.asyncquery.format.PartsFrame;
import org.apache.kylin.rest.asyncquery.format.UniqueNames;
import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;
import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;
import org.apache.kylin.rest.asyncquery.vocabulary.ResultFormat;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;

/**
 * The text of each result line, computed by Spark's executors with Spark's built-in functions only (no UDF, no
 * lambda: executors hold none of our classes), byte for byte what the project's own CSV and JSON writers write
 * for the same row. The line comes without its separator ({@link #lineSeparator}): CSV lines end with CRLF, JSON
 * Lines with LF, and the objects of a JSON array are each followed by a comma (the caller writes "[" before the
 * first, drops the last comma and writes "]\n" after). The CSV header, a byte-order mark and GBK are not made here.
 */
public final class SparkTextLines {
    /** The name of the one column of {@link #of}'s Dataset. */
    public static final String LINE = "value";

    private final List<ColumnMeta> columns;
    private final FormatOptions options;
    private final boolean escapeFormulas;

    /**
     * @param columns the result's columns, which the Datasets given to {@link #of} are aligned to
     * @param options CSV (UTF-8) or JSON
     * @param escapeFormulas whether CSV text cells that a spreadsheet would run as formulas are neutralised
     * @throws IllegalArgumentException the format is neither CSV nor JSON, or CSV in another encoding than UTF-8
     */
    public SparkTextLines(List<ColumnMeta> columns, FormatOptions options, boolean escapeFormulas) {
        this.columns = Collections.unmodifiableList(new ArrayList<>(requireNonNull(columns, "columns is null")));
        this.options = requireNonNull(options, "options is null");
        this.escapeFormulas = escapeFormulas;
        ResultFormat format = options.format();
        if (format != ResultFormat.CSV && format != ResultFormat.JSON) {
            throw new IllegalArgumentException("Spark writes no " + format + " lines");
        }
        if (!FormatOptions.UTF_8.equals(options.encoding())) {
            // Spark's text source writes UTF-8 only.
            throw new IllegalArgumentException("Spark writes no " + options.encoding() + " lines");
        }
    }

    /** What follows each line: "\r\n" for CSV, "\n" for JSON Lines, "," for the objects of a JSON array. */
    public String lineSeparator() {
        // The frame the server writes around the lines (PartsFrame) is built for the same separators.
        return PartsFrame.lineSeparator(options);
    }

    /**
     * One string column, {@link #LINE}, holding each row's line, in the rows' order.
     *
     * @param rows one Spark column per result column, in order, of the Spark type that carries it
     * @throws IllegalArgumentException {@code rows} is not aligned to the columns
     */
    public Dataset<Row> of(Dataset<Row> rows) {
        StructField[] fields = requireNonNull(rows, "rows is null").schema().fields();
        if (fields.length != columns.size()) {
            throw new IllegalArgumentException("The rows have " + fields.length + " columns, the result "
                    + columns.size());
        }
        SparkColumnKind[] kinds = new SparkColumnKind[fields.length];
        String[] positions = new String[fields.length];
        Column[] values = new Column[fields.length];
        for (int i = 0; i < fields.length; i++) {
            kinds[i] = SparkColumnKind.of(columns.get(i), fields[i].dataType());
            positions[i] = "c" + i;
            values[i] = new Column(positions[i]);
        }
        // Columns by position: an aligned Dataset's names may repeat or hold dots.
        Dataset<Row> byPosition = rows.toDF(positions);
        Column line = options.format() == ResultFormat.CSV ? csvLine(kinds, values) : jsonObject(kinds, values);
        return byPosition.select(line.as(LINE));
    }

    private Column csvLine(SparkColumnKind[] kinds, Column[] values) {
        SparkCsvFields csv = new SparkCsvFields(options.separator(), escapeFormulas);
        Column[] fields = new Column[values.length];
        for (int i = 0; i < values.length; i++) {
            fields[i] = csv.field(kinds[i], SparkValueText.of(kinds[i], values[i]), i == 0);
        }
        // Every field is non-null, so concat_ws (which skips nulls) drops none.
        return concat_ws(String.valueOf(options.separator()), fields);
    }

    private Column jsonObject(SparkColumnKind[] kinds, Column[] values) {
        String[] names = UniqueNames.of(columns, UnaryOperator.identity());
        List<Column> parts = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            parts.add(lit((i == 0 ? "{" : ",") + SparkJsonValues.literal(names[i]) + ":"));
            parts.add(SparkJsonValues.of(kinds[i], values[i]));
        }
        parts.add(lit(values.length == 0 ? "{}" : "}"));
        return concat(parts.toArray(new Column[0]));
    }
}
