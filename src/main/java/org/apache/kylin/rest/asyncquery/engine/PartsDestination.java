package org.apache.kylin.rest.asyncquery.engine;

import java.io.IOException;

import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;

/**
 * Where a distributed writer (Spark's executors) writes a result that a {@link RowSink} accepted in parts: a
 * folder it can reach, in the format the export asked for, committed as the query's result only when all went well.
 */
public interface PartsDestination {

    /** The fully qualified URI of the folder to write part files into; it does not exist yet. */
    String folder();

    /** The format to write, with its options. */
    FormatOptions options();

    /** Whether text cells a spreadsheet would run as formulas must be neutralised. */
    boolean escapeFormulas();

    /**
     * The rows and bytes written so far, as the writers report them; may be called from any thread.
     *
     * @throws RuntimeException the export must stop (it passed a limit); the message is for people
     */
    void progress(long rows, long bytes);

    /** Makes the parts written the query's result, of {@code rows} rows. */
    void commit(long rows) throws IOException;
}
