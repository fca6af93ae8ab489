package org.apache.kylin.rest.asyncquery.format;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.OptionalLong;

import org.apache.kylin.rest.asyncquery.vocabulary.Compression;

/**
 * A text writer whose output is compressed on its way to the stored file. It counts the text before compression,
 * which {@code filestatus} reports, and {@link #finish} ends the codec after the format is complete.
 */
final class CompressingResultWriter implements ResultWriter {
    /** Opens the format's writer on the stream it is given. */
    interface Opener {
        ResultWriter open(OutputStream text) throws IOException;
    }

    private final OutputStream codec;
    private final CountingStream text;
    private final ResultWriter writer;

    private CompressingResultWriter(OutputStream codec, CountingStream text, ResultWriter writer) {
        this.codec = codec;
        this.text = text;
        this.writer = writer;
    }

    static ResultWriter over(OutputStream stored, Compression compression, Opener opener) throws IOException {
        OutputStream codec = TextCompression.compressing(stored, compression);
        CountingStream text = new CountingStream(codec);
        return new CompressingResultWriter(codec, text, opener.open(text));
    }

    @Override
    public void writeRow(Object[] values) throws IOException {
        writer.writeRow(values);
    }

    @Override
    public void finish() throws IOException {
        writer.finish();
        codec.close();
    }

    @Override
    public void abandon() {
        writer.abandon();
    }

    @Override
    public OptionalLong uncompressedBytes() {
        return OptionalLong.of(text.count);
    }

    /** Counts what the format writes; ending the codec is finish()'s job, not a writer's close. */
    private static final class CountingStream extends FilterOutputStream {
        private long count;

        CountingStream(OutputStream codec) {
            super(codec);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
