package org.apache.kylin.rest.asyncquery.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;
import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;
import org.apache.kylin.rest.asyncquery.vocabulary.ResultFormat;

/**
 * What the server writes around a text result whose rows were written elsewhere, one line per row, so that the
 * whole reads exactly as this package's own writer would have written it: the head (a byte-order mark and the
 * header line, or a JSON array's opening bracket), the tail, and how many bytes to cut from the end of the rows (a
 * JSON array's rows each end with a comma, and the last one must not). Immutable.
 */
public final class PartsFrame {
    private static final byte[] NONE = new byte[0];

    private final byte[] head;
    private final byte[] tail;
    private final int trimLastBytes;

    private PartsFrame(byte[] head, byte[] tail, int trimLastBytes) {
        this.head = head;
        this.tail = tail;
        this.trimLastBytes = trimLastBytes;
    }

    /**
     * The frame of a CSV or JSON result written as lines, in the rows' separator that
     * {@link #lineSeparator(FormatOptions)} gives.
     */
    public static PartsFrame of(List<ColumnMeta> columns, FormatOptions options) throws IOException {
        if (options.format() == ResultFormat.CSV) {
            // The writer itself, given no rows: byte-order mark and header exactly as the one-stream route has them.
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            ResultWriter writer = new CsvResultWriter(head, columns, options, false);
            writer.finish();
            return new PartsFrame(head.toByteArray(), NONE, 0);
        }
        if (options.format() == ResultFormat.JSON) {
            return options.jsonLines() ? new PartsFrame(NONE, NONE, 0)
                    : new PartsFrame(new byte[] {'['}, new byte[] {']', '\n'}, 1);
        }
        throw new IllegalArgumentException(options.format() + " is not written as lines");
    }

    /** What follows each row's line: CSV's CRLF, JSON Lines' LF, or the comma between a JSON array's objects. */
    public static String lineSeparator(FormatOptions options) {
        if (options.format() == ResultFormat.CSV) {
            return "\r\n";
        }
        if (options.format() == ResultFormat.JSON) {
            return options.jsonLines() ? "\n" : ",";
        }
        throw new IllegalArgumentException(options.format() + " is not written as lines");
    }

    public byte[] head() {
        return head.clone();
    }

    public byte[] tail() {
        return tail.clone();
    }

    public int trimLastBytes() {
        return trimLastBytes;
    }
}
