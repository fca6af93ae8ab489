package org.apache.kylin.rest.asyncquery.format;

import org.dhatim.fastexcel.Worksheet;

/**
 * Gives cells their number format once per run of consecutive rows in a column that share it, rather than once
 * per cell: fastexcel's style call builds and looks up a whole style each time, which cost more than writing the
 * cell itself. A run ends at a row whose cell has another format or none (a null, a value written as text), so
 * exactly the cells that had a format get it. Runs must be closed before their rows are flushed.
 */
final class CellFormatRuns {
    private final Worksheet sheet;
    /** Per column: the open run's format, or null when none is open. */
    private final String[] format;
    private final int[] first;
    private final int[] last;

    CellFormatRuns(Worksheet sheet, int columns) {
        this.sheet = sheet;
        this.format = new String[columns];
        this.first = new int[columns];
        this.last = new int[columns];
    }

    /** Row {@code r}'s cell in column {@code c} takes {@code cellFormat}; rows come in ascending order. */
    void format(int r, int c, String cellFormat) {
        String open = format[c];
        if (open != null) {
            if (last[c] == r - 1 && open.equals(cellFormat)) {
                last[c] = r;
                return;
            }
            apply(c);
        }
        format[c] = cellFormat;
        first[c] = r;
        last[c] = r;
    }

    /** Sets the format of every open run; call before the sheet flushes or finishes. */
    void close() {
        for (int c = 0; c < format.length; c++) {
            if (format[c] != null) {
                apply(c);
            }
        }
    }

    private void apply(int c) {
        sheet.range(first[c], c, last[c], c).style().format(format[c]).set();
        format[c] = null;
    }
}
