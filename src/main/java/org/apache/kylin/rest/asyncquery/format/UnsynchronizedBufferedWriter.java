package org.apache.kylin.rest.asyncquery.format;

import java.io.IOException;
import java.io.Writer;

/**
 * A {@link java.io.BufferedWriter} without the lock. Commons CSV appends each field and separator separately,
 * and BufferedWriter takes its lock on every call: profiling the CSV writer showed that lock and the substring
 * copies of {@code Writer.append(cs, start, end)} as a quarter of its time. One export has one writing thread.
 */
final class UnsynchronizedBufferedWriter extends Writer {
    private final Writer out;
    private final char[] buffer;
    private int count;

    UnsynchronizedBufferedWriter(Writer out, int bufferChars) {
        this.out = out;
        this.buffer = new char[bufferChars];
    }

    @Override
    public void write(int c) throws IOException {
        if (count == buffer.length) {
            flushBuffer();
        }
        buffer[count++] = (char) c;
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
        while (length > 0) {
            if (count == buffer.length) {
                flushBuffer();
            }
            int n = Math.min(length, buffer.length - count);
            text.getChars(offset, offset + n, buffer, count);
            count += n;
            offset += n;
            length -= n;
        }
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
        if (length >= buffer.length) {
            flushBuffer();
            out.write(chars, offset, length);
            return;
        }
        if (length > buffer.length - count) {
            flushBuffer();
        }
        System.arraycopy(chars, offset, buffer, count, length);
        count += length;
    }

    @Override
    public Writer append(CharSequence text) throws IOException {
        String s = String.valueOf(text);
        write(s, 0, s.length());
        return this;
    }

    @Override
    public Writer append(CharSequence text, int start, int end) throws IOException {
        if (text instanceof String) {
            write((String) text, start, end - start);
        } else {
            String s = String.valueOf(text == null ? "null" : text.subSequence(start, end));
            write(s, 0, s.length());
        }
        return this;
    }

    @Override
    public Writer append(char c) throws IOException {
        write(c);
        return this;
    }

    @Override
    public void flush() throws IOException {
        flushBuffer();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
        out.close();
    }

    private void flushBuffer() throws IOException {
        if (count > 0) {
            out.write(buffer, 0, count);
            count = 0;
        }
    }
}
