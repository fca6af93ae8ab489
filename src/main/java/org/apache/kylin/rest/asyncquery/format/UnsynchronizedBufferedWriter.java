package org.apache.kylin.rest.asyncquery.format;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * A {@link java.io.BufferedWriter} without the lock, which also prints numbers, dates and times in their
 * {@link TextValues} forms straight into its buffer. The CSV writer appends each field and separator separately,
 * and BufferedWriter takes its lock on every call: profiling showed that lock and the substring copies of
 * {@code Writer.append(cs, start, end)} as a quarter of the writer's time, and turning numbers into Strings as
 * much again. One export has one writing thread.
 */
final class UnsynchronizedBufferedWriter extends Writer {
    private final Writer out;
    private final char[] buffer;
    private int count;

    UnsynchronizedBufferedWriter(Writer out, int bufferChars) {
        this.out = out;
        this.buffer = new char[Math.max(bufferChars, TextValues.LONGEST_PRINTED)];
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

    /** Long.toString's text. */
    void printLong(long value) throws IOException {
        room();
        count = TextValues.printLong(buffer, count, value);
    }

    /** Double.toString's text, for a value {@link TextValues#printsWholeNumber} accepts. */
    void printWholeNumber(double value) throws IOException {
        room();
        count = TextValues.printWholeNumber(buffer, count, value);
    }

    /** BigDecimal.toPlainString's text, for a value {@link TextValues#printsDecimal} accepts. */
    void printDecimal(BigDecimal value) throws IOException {
        room();
        count = TextValues.printDecimal(buffer, count, value);
    }

    /** LocalDate.toString's text, for a date {@link TextValues#printsDate} accepts. */
    void printDate(LocalDate value) throws IOException {
        room();
        count = TextValues.printDate(buffer, count, value);
    }

    /** The TIMESTAMP text, for a timestamp {@link TextValues#printsTimestamp} accepts. */
    void printTimestamp(LocalDateTime value) throws IOException {
        room();
        count = TextValues.printTimestamp(buffer, count, value);
    }

    /** The TIME text. */
    void printTime(LocalTime value) throws IOException {
        room();
        count = TextValues.printTime(buffer, count, value);
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

    /** Makes room for the longest text a print method writes. */
    private void room() throws IOException {
        if (buffer.length - count < TextValues.LONGEST_PRINTED) {
            flushBuffer();
        }
    }

    private void flushBuffer() throws IOException {
        if (count > 0) {
            out.write(buffer, 0, count);
            count = 0;
        }
    }
}
