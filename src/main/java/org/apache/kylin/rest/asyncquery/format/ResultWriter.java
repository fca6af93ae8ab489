package org.apache.kylin.rest.asyncquery.format;

import java.io.IOException;
import java.util.OptionalLong;

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

    /**
     * For a writer that compresses what it stores, the bytes of its output before compression, once {@link
     * #finish} has returned; empty for a writer that stores its output as it is.
     */
    default OptionalLong uncompressedBytes() {
        return OptionalLong.empty();
    }
}
