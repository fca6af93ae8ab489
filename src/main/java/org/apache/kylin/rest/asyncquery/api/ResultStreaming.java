package org.apache.kylin.rest.asyncquery.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a result to the client without holding it in memory. A client that hangs up part-way is normal for
 * downloads (a cancelled browser download, {@code curl | head}), so that is logged quietly; a failing read is not.
 */
final class ResultStreaming {
    private static final Logger LOG = LoggerFactory.getLogger(ResultStreaming.class);
    private static final int BUFFER_BYTES = 256 * 1024;

    private ResultStreaming() {
    }

    /** Copies exactly {@code bytes} bytes (fewer only if the stream ends first). */
    static void copy(InputStream in, OutputStream out, long bytes) throws IOException {
        byte[] buffer = new byte[BUFFER_BYTES];
        long left = bytes;
        int n;
        while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
            left -= n;
            try {
                out.write(buffer, 0, n);
            } catch (IOException clientGone) {
                LOG.debug("The client stopped reading the download: {}", clientGone.toString());
                return;
            }
        }
        try {
            out.flush();
        } catch (IOException clientGone) {
            LOG.debug("The client stopped reading the download: {}", clientGone.toString());
        }
    }

    /**
     * Copies {@code bytes} bytes into a stream that encodes them, then ends the encoding by closing it (which
     * leaves the response open). A client that hung up part-way is logged quietly here too.
     */
    static void copyEncoded(InputStream in, OutputStream encoder, long bytes) throws IOException {
        copy(in, encoder, bytes);
        try {
            encoder.close();
        } catch (IOException clientGone) {
            LOG.debug("The client stopped reading the download: {}", clientGone.toString());
        }
    }
}
