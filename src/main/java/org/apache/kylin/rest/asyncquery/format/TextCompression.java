package org.apache.kylin.rest.asyncquery.format;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import io.airlift.compress.zstd.ZstdInputStream;
import org.apache.kylin.rest.asyncquery.vocabulary.Compression;

/**
 * The codecs a text result (CSV, JSON) is stored with: one gzip member or one zstd frame sequence for the whole
 * file, so that a client which accepts that content coding can be sent the stored bytes as they are; and the same
 * codings on the fly for a download. Pure Java (the JDK's gzip, aircompressor's zstd), so the plugin jar carries no
 * native code. gzip at rest uses zlib's default level, written once and kept; on the fly level 1, the level nginx
 * compresses with unless told otherwise, since there it costs the server's CPU on every download.
 */
public final class TextCompression {
    private static final int GZIP_BUFFER_BYTES = 64 * 1024;

    private TextCompression() {
    }

    /**
     * A stream that compresses into {@code stored}; closing it writes the codec's end and flushes {@code stored}
     * without closing it (the store owns its file).
     */
    static OutputStream compressing(OutputStream stored, Compression compression) throws IOException {
        return encoder(stored, compression, Deflater.DEFAULT_COMPRESSION);
    }

    /**
     * A stream that encodes a download into {@code response} with the content coding of {@code compression} (gzip or
     * zstd); closing it ends the coding and flushes {@code response} without closing it (the servlet container owns
     * it).
     */
    public static OutputStream encodingOnTheFly(OutputStream response, Compression compression) throws IOException {
        return encoder(response, compression, Deflater.BEST_SPEED);
    }

    private static OutputStream encoder(OutputStream target, Compression compression, int gzipLevel)
            throws IOException {
        OutputStream kept = new FilterOutputStream(target) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
        switch (compression) {
            case GZIP:
                return new GZIPOutputStream(kept, GZIP_BUFFER_BYTES) {
                    {
                        def.setLevel(gzipLevel);
                    }
                };
            case ZSTD:
                return new ZstdFramesOutputStream(kept);
            default:
                throw new IllegalArgumentException("Text is not stored with " + compression);
        }
    }

    /** The text of stored bytes written by {@link #compressing}; closing it closes {@code stored}. */
    public static InputStream decompressing(InputStream stored, Compression compression) throws IOException {
        switch (compression) {
            case GZIP:
                return new GZIPInputStream(stored, GZIP_BUFFER_BYTES);
            case ZSTD:
                return new ZstdInputStream(stored);
            default:
                throw new IllegalArgumentException("Text is not stored with " + compression);
        }
    }
}
