package org.apache.kylin.rest.asyncquery.api;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One byte range of a {@code Range} header (RFC 9110): {@code bytes=first-last}, {@code bytes=first-} or the suffix
 * {@code bytes=-count}. Several ranges are not served as multipart: the whole file is, which the RFC allows.
 */
final class ByteRange {
    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private final long first;
    private final long last;

    private ByteRange(long first, long last) {
        this.first = first;
        this.last = last;
    }

    /**
     * The range to serve: empty to serve the whole file (no header, several ranges, or syntax we ignore);
     * {@link Unsatisfiable} when it lies wholly beyond the file.
     */
    static Optional<ByteRange> parse(String header, long length) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = SINGLE.matcher(header.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return Optional.empty();
        }
        try {
            if (m.group(1).isEmpty()) {
                long count = Long.parseLong(m.group(2));
                if (count == 0 || length == 0) {
                    throw new Unsatisfiable(length);
                }
                return Optional.of(new ByteRange(Math.max(0, length - count), length - 1));
            }
            long first = Long.parseLong(m.group(1));
            long last = m.group(2).isEmpty() ? length - 1 : Math.min(Long.parseLong(m.group(2)), length - 1);
            if (first >= length || last < first) {
                throw new Unsatisfiable(length);
            }
            return Optional.of(new ByteRange(first, last));
        } catch (NumberFormatException tooBig) {
            throw new Unsatisfiable(length);
        }
    }

    long first() {
        return first;
    }

    long length() {
        return last - first + 1;
    }

    String contentRange(long total) {
        return "bytes " + first + "-" + last + "/" + total;
    }

    /** A range that no byte of the file satisfies: answered with 416. */
    static final class Unsatisfiable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final long length;

        Unsatisfiable(long length) {
            super("Range not satisfiable");
            this.length = length;
        }

        long length() {
            return length;
        }
    }
}
