package org.apache.kylin.rest.asyncquery.api;

import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.http.HttpRange;

/**
 * The one byte range of a {@code Range} header (RFC 9110) that a download serves, read by Spring's
 * {@link HttpRange}: {@code bytes=first-last}, {@code bytes=first-} or the suffix {@code bytes=-count}. Several
 * ranges are not served as multipart: the whole file is, which the RFC allows.
 */
final class ByteRange {
    /**
     * Exactly one range of digits. Spring alone would also serve a range from "bytes=+1-2", "bytes= 0-1" or
     * "bytes=0-1,", and throws alike for junk, for more than 100 ranges and for a number past a long; this gate
     * keeps the answers the download has always given: anything but one plain range means the whole file.
     */
    private static final Pattern ONE_RANGE = Pattern.compile("bytes=(\\d+-\\d*|-\\d+)");

    private final long first;
    private final long last;

    private ByteRange(long first, long last) {
        this.first = first;
        this.last = last;
    }

    /**
     * The range to serve: empty to serve the whole file (no header, several ranges, or syntax we ignore);
     * {@link Unsatisfiable} when no byte of the file lies in it.
     */
    static Optional<ByteRange> parse(String header, long length) {
        if (header == null || !ONE_RANGE.matcher(header.trim()).matches()) {
            return Optional.empty();
        }
        HttpRange range;
        try {
            range = HttpRange.parseRanges(header.trim()).get(0);
        } catch (IllegalArgumentException lastBeforeFirstOrTooBig) {
            throw new Unsatisfiable(length);
        }
        long first = range.getRangeStart(length);
        long last = range.getRangeEnd(length);
        if (first >= length || last < first) {
            throw new Unsatisfiable(length);
        }
        return Optional.of(new ByteRange(first, last));
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
