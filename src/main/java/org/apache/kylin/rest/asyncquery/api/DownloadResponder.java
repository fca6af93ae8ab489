package org.apache.kylin.rest.asyncquery.api;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.apache.kylin.rest.asyncquery.service.AsyncQueryException;
import org.apache.kylin.rest.asyncquery.service.ResultDownload;
import org.apache.kylin.rest.asyncquery.vocabulary.ErrorCode;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * Serves a result as HTTP: {@code HEAD}, a strong {@code ETag}, {@code If-None-Match}, single-range {@code Range}
 * with {@code If-Range} (206, so a broken download resumes), and zstd or gzip on the fly for text formats when the
 * client accepts one and asks for no range: the higher {@code q} wins, zstd on a tie, and {@code q=0} refuses.
 * Text stored compressed goes out as stored, with its {@code Content-Encoding}, to a client that accepts that
 * coding (a range is then of the stored bytes, as static servers serve precompressed files), and decompressed
 * otherwise. The bytes stream from the store; nothing is held in memory.
 */
final class DownloadResponder {
    /** The codings a plain text result is compressed with on the fly, in the server's order of preference. */
    private static final List<ContentCoding> ON_THE_FLY = Arrays.asList(ContentCoding.ZSTD, ContentCoding.GZIP);
    /** Tomcat's sendfile contract: the connector says it can, the servlet names the file and the byte range. */
    private static final String SENDFILE_SUPPORT = "org.apache.tomcat.sendfile.support";
    private static final String SENDFILE_FILE = "org.apache.tomcat.sendfile.filename";
    private static final String SENDFILE_START = "org.apache.tomcat.sendfile.start";
    private static final String SENDFILE_END = "org.apache.tomcat.sendfile.end";
    /** Below this a plain copy costs as little as setting sendfile up (Tomcat's DefaultServlet uses 48 KB). */
    private static final long SENDFILE_MIN_BYTES = 48 * 1024;

    private DownloadResponder() {
    }

    static void respond(ResultDownload download, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        AcceptEncoding accepted = AcceptEncoding.parse(request.getHeader("Accept-Encoding"));
        Optional<ContentCoding> stored = download.storedCoding().map(ContentCoding::named);
        boolean decode = stored.isPresent() && !accepted.accepts(stored.get());
        // The text of a result stored compressed is another representation, so it has a tag of its own: a resume
        // (If-Range) with the text's tag must never be answered with a slice of the compressed bytes.
        String etag = decode ? download.uncompressedEtag() : download.etag();
        // A client that already has these bytes is answered from the tag alone: no file is opened for a 304.
        if (notModified(request, etag)) {
            describe(download, etag, response);
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        if (decode) {
            decoded(download, request, response, accepted);
            return;
        }
        long total = download.length();
        Optional<ByteRange> range;
        try {
            range = rangeToServe(download, request, total);
        } catch (ByteRange.Unsatisfiable e) {
            response.setHeader("Content-Range", "bytes */" + total);
            throw new AsyncQueryException(ErrorCode.RANGE_NOT_SATISFIABLE,
                    "The requested range lies outside the result, which has " + total + " bytes.");
        }
        boolean head = "HEAD".equalsIgnoreCase(request.getMethod());
        // A range is of the stored bytes, so it is never encoded on the fly; nor is what is stored compressed.
        Optional<ContentCoding> coding = range.isPresent() || !download.isText() || stored.isPresent()
                ? Optional.empty() : accepted.preferred(ON_THE_FLY);
        try (InputStream in = head ? null : download.open(range.map(ByteRange::first).orElse(0L))) {
            describe(download, etag, response);
            stored.ifPresent(storedCoding -> response.setHeader("Content-Encoding", storedCoding.token()));
            if (range.isPresent()) {
                response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
                response.setHeader("Content-Range", range.get().contentRange(total));
                response.setContentLengthLong(range.get().length());
            } else if (coding.isPresent()) {
                response.setStatus(HttpServletResponse.SC_OK);
                response.setHeader("Content-Encoding", coding.get().token());
            } else {
                response.setStatus(HttpServletResponse.SC_OK);
                response.setContentLengthLong(total);
            }
            if (head) {
                return;
            }
            long bytes = range.map(ByteRange::length).orElse(total);
            download.served(bytes);
            if (coding.isPresent()) {
                ResultStreaming.copyEncoded(in, coding.get().encoder(response.getOutputStream()), bytes);
            } else if (!sendFile(download, request, range.map(ByteRange::first).orElse(0L), bytes)) {
                ResultStreaming.copy(in, response.getOutputStream(), bytes);
            }
        }
    }

    /**
     * A result stored compressed, for a client that does not accept its coding: the whole text, decompressed on
     * the fly (and compressed again if the client accepts another coding), as 200 whatever the Range: a range
     * would have to be cut from bytes that exist only while they stream.
     */
    private static void decoded(ResultDownload download, HttpServletRequest request, HttpServletResponse response,
            AcceptEncoding accepted) throws IOException {
        boolean head = "HEAD".equalsIgnoreCase(request.getMethod());
        Optional<ContentCoding> coding = accepted.preferred(ON_THE_FLY);
        long length = download.uncompressedLength();
        try (InputStream in = head ? null : download.openUncompressed()) {
            describe(download, download.uncompressedEtag(), response);
            response.setStatus(HttpServletResponse.SC_OK);
            if (coding.isPresent()) {
                response.setHeader("Content-Encoding", coding.get().token());
            } else {
                response.setContentLengthLong(length);
            }
            if (head) {
                return;
            }
            download.served(download.length());
            if (coding.isPresent()) {
                ResultStreaming.copyEncoded(in, coding.get().encoder(response.getOutputStream()), length);
            } else {
                ResultStreaming.copy(in, response.getOutputStream(), length);
            }
        }
    }

    /** The headers that describe the result, on a 200 and 206 and, as RFC 9110 15.4.5 asks, on a 304. */
    private static void describe(ResultDownload download, String etag, HttpServletResponse response) {
        response.setContentType(download.contentType());
        response.setHeader("Content-Disposition", DownloadHeaders.contentDisposition(download.fileName()));
        response.setHeader("ETag", etag);
        response.setHeader("Accept-Ranges", "bytes");
        if (download.isText()) {
            response.setHeader("Vary", "Accept-Encoding");
        }
    }

    /**
     * Whether If-None-Match names this result, by Spring's comparison (weak or strong, any header line). It is
     * evaluated before Range, as RFC 9110 13.2.2 orders. Spring 5.2 and 5.3 never match the wildcard, which RFC 9110
     * 13.1.2 says matches any current representation, so that is checked here. The request alone is handed to
     * Spring, so that it sets no status or header: a 304 gets the same headers as a 200, by {@link #describe}.
     */
    private static boolean notModified(HttpServletRequest request, String etag) {
        String ifNoneMatch = request.getHeader("If-None-Match");
        if (ifNoneMatch != null && Arrays.stream(ifNoneMatch.split(",")).anyMatch(tag -> tag.trim().equals("*"))) {
            return true;
        }
        return new ServletWebRequest(request).checkNotModified(etag);
    }

    /**
     * Hands a local result to Tomcat's sendfile, which copies it from the page cache to the socket inside the
     * kernel, as nginx serves files, instead of through buffers in this JVM. False when that is not available
     * (a result on HDFS, a container without sendfile); the caller then streams it.
     */
    private static boolean sendFile(ResultDownload download, HttpServletRequest request, long start, long bytes) {
        if (bytes < SENDFILE_MIN_BYTES || !Boolean.TRUE.equals(request.getAttribute(SENDFILE_SUPPORT))) {
            return false;
        }
        Optional<File> file = download.pinLocalFile();
        if (!file.isPresent()) {
            return false;
        }
        request.setAttribute(SENDFILE_FILE, file.get().getAbsolutePath());
        request.setAttribute(SENDFILE_START, start);
        request.setAttribute(SENDFILE_END, start + bytes);
        return true;
    }

    /** The range asked for, unless If-Range names another version of the file (then the whole file is sent). */
    private static Optional<ByteRange> rangeToServe(ResultDownload download, HttpServletRequest request, long total) {
        String ifRange = request.getHeader("If-Range");
        if (ifRange != null && !ifRange.trim().equals(download.etag())) {
            return Optional.empty();
        }
        return ByteRange.parse(request.getHeader("Range"), total);
    }
}
