package org.apache.kylin.rest.asyncquery.api;

import java.nio.charset.StandardCharsets;

import org.springframework.http.ContentDisposition;

/**
 * The {@code Content-Disposition} of a download: an attachment whose file name cannot carry a path, a quote or a
 * control character, with RFC 5987's {@code filename*} (UTF-8) for a name beyond ASCII, as RFC 6266 describes.
 */
final class DownloadHeaders {
    private static final int MAX_NAME_CHARS = 200;

    private DownloadHeaders() {
    }

    static String contentDisposition(String fileName) {
        String safe = sanitize(fileName);
        boolean ascii = StandardCharsets.US_ASCII.newEncoder().canEncode(safe);
        ContentDisposition.Builder disposition = ContentDisposition.builder("attachment");
        return (ascii ? disposition.filename(safe) : disposition.filename(safe, StandardCharsets.UTF_8))
                .build().toString();
    }

    /** The last path segment, without quotes, backslashes or control characters; "result" if nothing is left. */
    static String sanitize(String fileName) {
        String name = fileName.replaceAll(".*[/\\\\]", "").replaceAll("[\\p{Cntrl}\"\\\\]", "").trim();
        if (name.length() > MAX_NAME_CHARS) {
            name = name.substring(0, MAX_NAME_CHARS);
        }
        return name.isEmpty() || name.equals(".") || name.equals("..") ? "result" : name;
    }
}
