package org.apache.kylin.rest.asyncquery.format;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;
import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * XLSX through fastexcel, which writes rows straight to the stream (no in-memory workbook, no temporary files).
 * Past Excel's 1,048,576 rows a sheet, rows continue on a new sheet (with the header again, if asked for). Numbers
 * are numeric cells unless Excel would change them (more than 15 significant digits, integers beyond 2^53, NaN,
 * the infinities and magnitudes outside Excel's range), in which case they are text in {@link TextValues}' form;
 * a REAL is the double nearest its shortest decimal, so 0.1 stays 0.1; DECIMAL cells show their scale; dates and
 * timestamps from 1900 on are date cells (earlier ones, which Excel cannot date, and timestamps finer than a
 * millisecond, which a date cell would cut, are text); times are text.
 *
 * <p>For speed (see docs/BENCHMARKS.md): deflate level 2 instead of fastexcel's 4, text as inline strings, and
 * number formats set once per run of cells ({@link CellFormatRuns}) instead of once per cell.
 */
final class XlsxResultWriter implements ResultWriter {
    private static final int MAX_CELL_CHARS = 32_767;
    private static final int EXCEL_DIGITS = 15;
    private static final long EXCEL_EXACT_LONG = 1L << 53;
    /** Excel's largest and smallest magnitudes; a double outside them is not a number Excel can show. */
    private static final double EXCEL_MAX = 9.99999999999999E307;
    private static final double EXCEL_MIN = 2.2250738585072E-308;
    /** Excel's dates start on 1900-01-01. */
    private static final int EXCEL_FIRST_YEAR = 1900;
    private static final int FLUSH_EVERY_ROWS = 1_000;
    /** Cheaper to deflate than fastexcel's default 4; with inline strings the file stays about as small. */
    private static final int COMPRESSION_LEVEL = 2;
    private static final String DATE_FORMAT = "yyyy-mm-dd";
    private static final String TIMESTAMP_FORMAT = "yyyy-mm-dd hh:mm:ss";
    private static final String TIMESTAMP_MILLIS_FORMAT = "yyyy-mm-dd hh:mm:ss.000";

    private final Workbook workbook;
    private final List<ColumnMeta> columns;
    private final boolean header;
    private final String[] decimalFormats;
    private final int rowsPerSheet;
    private Worksheet sheet;
    private CellFormatRuns formats;
    private int sheets;
    private int rowInSheet;
    private long rows;

    XlsxResultWriter(OutputStream out, List<ColumnMeta> columns, FormatOptions options) throws IOException {
        this(out, columns, options, Worksheet.MAX_ROWS);
    }

    /** With a smaller sheet size, so tests can see rows continue on a new sheet. */
    XlsxResultWriter(OutputStream out, List<ColumnMeta> columns, FormatOptions options, int rowsPerSheet)
            throws IOException {
        this.rowsPerSheet = rowsPerSheet;
        this.workbook = new Workbook(out, "kylin-async-query", "1.0");
        workbook.setCompressionLevel(COMPRESSION_LEVEL);
        this.columns = columns;
        this.header = options.includeHeader();
        this.decimalFormats = new String[columns.size()];
        for (int i = 0; i < decimalFormats.length; i++) {
            int scale = columns.get(i).scale();
            boolean decimal = columns.get(i).jdbcType() == Types.DECIMAL || columns.get(i).jdbcType() == Types.NUMERIC;
            decimalFormats[i] = decimal && scale > 0 ? "0." + repeat('0', scale) : null;
        }
        newSheet();
    }

    @Override
    public void writeRow(Object[] values) throws IOException {
        if (rowInSheet == rowsPerSheet) {
            formats.close();
            sheet.finish();
            newSheet();
        }
        rows++;
        for (int c = 0; c < values.length; c++) {
            write(rowInSheet, c, values[c]);
        }
        rowInSheet++;
        if (rowInSheet % FLUSH_EVERY_ROWS == 0) {
            formats.close();
            sheet.flush();
        }
    }

    @Override
    public void finish() throws IOException {
        formats.close();
        workbook.finish();
    }

    private void newSheet() {
        sheets++;
        sheet = workbook.newWorksheet("Sheet" + sheets);
        formats = new CellFormatRuns(sheet, columns.size());
        rowInSheet = 0;
        if (header) {
            for (int c = 0; c < columns.size(); c++) {
                putText(0, c, columns.get(c).name());
            }
            rowInSheet = 1;
        }
    }

    private void write(int r, int c, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof BigDecimal) {
            BigDecimal decimal = (BigDecimal) value;
            if (decimal.precision() > EXCEL_DIGITS) {
                text(r, c, decimal.toPlainString());
            } else {
                sheet.value(r, c, decimal);
                if (decimalFormats[c] != null) {
                    formats.format(r, c, decimalFormats[c]);
                }
            }
        } else if (value instanceof Long || value instanceof BigInteger) {
            boolean exact = value instanceof Long ? fitsDouble((Long) value) : ((BigInteger) value).bitLength() <= 53;
            if (exact) {
                sheet.value(r, c, (Number) value);
            } else {
                text(r, c, value.toString());
            }
        } else if (value instanceof Double || value instanceof Float) {
            // Float.toString's shortest digits, read as a double: 0.1f is written 0.1, not 0.10000000149011612.
            double number = value instanceof Float ? Double.parseDouble(value.toString()) : (Double) value;
            if (fitsExcel(number)) {
                sheet.value(r, c, number);
            } else {
                text(r, c, TextValues.format(value));
            }
        } else if (value instanceof Number) {
            sheet.value(r, c, (Number) value);
        } else if (value instanceof Boolean) {
            sheet.value(r, c, (Boolean) value);
        } else if (notAnExcelDate(value)) {
            text(r, c, TextValues.format(value));
        } else if (value instanceof LocalDate) {
            sheet.value(r, c, (LocalDate) value);
            formats.format(r, c, DATE_FORMAT);
        } else if (value instanceof LocalDateTime) {
            LocalDateTime timestamp = (LocalDateTime) value;
            sheet.value(r, c, timestamp);
            formats.format(r, c, timestamp.getNano() == 0 ? TIMESTAMP_FORMAT : TIMESTAMP_MILLIS_FORMAT);
        } else {
            text(r, c, TextValues.format(value));
        }
    }

    /** Before 1900 (Excel cannot date it) or finer than a millisecond (an Excel date cell would cut it). */
    private static boolean notAnExcelDate(Object value) {
        if (value instanceof LocalDate) {
            return ((LocalDate) value).getYear() < EXCEL_FIRST_YEAR;
        }
        if (value instanceof LocalDateTime) {
            LocalDateTime timestamp = (LocalDateTime) value;
            return timestamp.getYear() < EXCEL_FIRST_YEAR || timestamp.getNano() % 1_000_000 != 0;
        }
        return false;
    }

    /** Whether a double holds the long exactly; Math.abs(Long.MIN_VALUE) would overflow. */
    private static boolean fitsDouble(long value) {
        return value >= -EXCEL_EXACT_LONG && value <= EXCEL_EXACT_LONG;
    }

    private static boolean fitsExcel(double value) {
        double magnitude = Math.abs(value);
        return magnitude == 0 || (magnitude >= EXCEL_MIN && magnitude <= EXCEL_MAX);
    }

    private void text(int r, int c, String text) {
        if (text.length() > MAX_CELL_CHARS) {
            throw new ValueNotWritableException("Row " + rows + ", column " + columns.get(c).name() + " holds "
                    + text.length() + " characters; an XLSX cell holds at most " + MAX_CELL_CHARS
                    + ". Export it as csv, json or parquet instead.");
        }
        putText(r, c, text);
    }

    /**
     * Inline strings are cheaper to write than shared ones, and fastexcel keeps its shared-strings table in memory
     * until the end, so a column of distinct values would grow it row by row. But fastexcel writes an inline
     * string without xml:space="preserve", and Excel trims such a string's leading and trailing whitespace: a
     * string with whitespace (or a control character) at either end, and the empty string, stay shared.
     */
    private void putText(int r, int c, String text) {
        if (!text.isEmpty() && text.charAt(0) > ' ' && text.charAt(text.length() - 1) > ' ') {
            sheet.inlineString(r, c, text);
        } else {
            sheet.value(r, c, text);
        }
    }

    private static String repeat(char c, int times) {
        StringBuilder text = new StringBuilder(times);
        for (int i = 0; i < times; i++) {
            text.append(c);
        }
        return text.toString();
    }
}
