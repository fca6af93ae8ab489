package org.apache.kylin.rest.asyncquery.spark;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;

/**
 * One CSV field as {@code format.CsvResultWriter} prints it (commons-csv, RFC 4180, {@code QuoteMode.MINIMAL}),
 * as a Spark expression: NULL is an empty, unquoted field; a value is quoted, its quotes doubled, when commons-csv
 * quotes it, which is more often than RFC 4180 asks.
 */
final class SparkCsvFields {
    /**
     * When commons-csv 1.10's MINIMAL mode quotes a non-empty value: its first character is at most '#' (controls,
     * space, '!', '"', '#'), it holds a CR, LF, quote or the separator anywhere, or its last character is at most
     * ' ' (controls and space). {@code \z}, not {@code $}: '$' would also match before a final line break.
     */
    private static final String NEEDS_QUOTES = "^[\\x00-#]|[\\r\\n\"%s]|[\\x00- ]\\z";
    /** The starts that FormulaEscaping neutralises: = + - @ tab CR. */
    private static final String FORMULA_START = "^[=+\\-@\\t\\r]";

    private final String separator;
    private final String needsQuotes;
    private final boolean escapeFormulas;

    SparkCsvFields(char separator, boolean escapeFormulas) {
        this.separator = String.valueOf(separator);
        this.needsQuotes = String.format(NEEDS_QUOTES, "\\x{" + Integer.toHexString(separator) + "}");
        this.escapeFormulas = escapeFormulas;
    }

    /**
     * The field of a column of {@code kind} whose value's text is {@code text} (null for NULL); {@code first}
     * says whether it starts the record, where commons-csv quotes an empty string so that a record of one empty
     * value is not an empty line.
     */
    Column field(SparkColumnKind kind, Column text, boolean first) {
        if (kind != SparkColumnKind.TEXT && kind != SparkColumnKind.TIME) {
            return nonText(text);
        }
        // Only text values are escaped (the writer escapes Strings; a TIME reaches it as a LocalTime).
        Column value = escapeFormulas && kind == SparkColumnKind.TEXT
                ? when(text.rlike(FORMULA_START), concat(lit("'"), text)).otherwise(text)
                : text;
        Column quote = first ? value.equalTo("").or(value.rlike(needsQuotes)) : value.rlike(needsQuotes);
        return when(value.isNull(), lit(""))
                .when(quote, concat(lit("\""), regexp_replace(value, "\"", "\"\""), lit("\"")))
                .otherwise(value);
    }

    /**
     * A number's, a boolean's, a date's or a timestamp's field. Its text (digits, letters, . : - + and space) never
     * starts or ends with a character commons-csv quotes for, nor holds a line break or a quote: it is quoted only
     * when it holds the separator, which needs no regular expression (those took most of the executors' time). The
     * text appears in every branch so that Spark computes it once, in a function of its own: inlined, a number's
     * text made the generated method too big for HotSpot to compile (over 8,000 bytes of bytecode).
     */
    private Column nonText(Column text) {
        return when(text.isNull(), lit(""))
                .when(text.contains(separator), concat(lit("\""), text, lit("\"")))
                .otherwise(text);
    }
}
