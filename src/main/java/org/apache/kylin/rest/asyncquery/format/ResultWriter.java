package org.apache.kylin.rest.asyncquery.format;

import java.io.IOException;

/**
 * Writes rows to an output stream in one format, streaming: memory use does not grow with the row count.
 * {@link #finish} flushes everything the format needs to be complete; it does not close the stream. An export
 * that stops early calls {@link #abandon} instead, and the half-written file is then deleted.
 */
public interface ResultWriter {
    void writeRow(Object[] values) throws IOException;

    void finish() throws IOException;

    /** Releases what the writer holds (a thread, say) when the export stops before {@link #finish}. */
    default void abandon() {
    }
}
