package org.apache.kylin.asyncquery.cli;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.ContentDisposition;

/**
 * Downloads a result with {@code result_download}. To a file, it writes {@code FILE.part} (and the answer's ETag
 * beside it in {@code FILE.part.etag}), resumes a partial one with {@code Range} and {@code If-Range}, checks the
 * byte count against {@code filestatus} and the answer's {@code Content-Length}/{@code Content-Range}, and renames
 * the part to {@code FILE} only when it is whole. A broken connection keeps the part for the next run; a failed
 * integrity check removes it, so neither leaves a half file under the final name.
 */
final class ResultDownload {
    static final String PART_SUFFIX = ".part";
    static final String ETAG_SUFFIX = ".part.etag";
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");
    private static final int BUFFER_BYTES = 64 * 1024;

    private final AsyncQueryApi api;
    private final ProgressReporter progress;
    private final PrintStream err;

    ResultDownload(AsyncQueryApi api, ProgressReporter progress, PrintStream err) {
        this.api = requireNonNull(api, "api is null");
        this.progress = requireNonNull(progress, "progress is null");
        this.err = requireNonNull(err, "err is null");
    }

    /** The file name the server suggests ({@code Content-Disposition} of a HEAD), in the current directory. */
    Path suggestedTarget(String queryId) {
        HttpURLConnection head = api.http().stream("HEAD", resultPath(queryId), identity());
        try {
            if (head.getResponseCode() != 200) {
                throw api.http().refusal(head);
            }
            String disposition = head.getHeaderField("Content-Disposition");
            String name = disposition == null ? null : ContentDisposition.parse(disposition).getFilename();
            Path file = name == null ? null : Paths.get(name).getFileName();
            if (file == null || file.toString().equals("..") || file.toString().equals(".")) {
                return Paths.get("result");
            }
            return file;
        } catch (IOException e) {
            throw api.http().unreachable("HEAD", resultPath(queryId), e);
        } finally {
            head.disconnect();
        }
    }

    /** Downloads (or finishes downloading) the result into {@code target}; returns its size. */
    long toFile(String queryId, Path target, boolean restart) {
        long size = api.fileStatus(queryId);
        Path part = sibling(target, PART_SUFFIX);
        Path etagFile = sibling(target, ETAG_SUFFIX);
        try {
            if (restart) {
                discard(part, etagFile);
            }
            long have = Files.exists(part) ? Files.size(part) : 0;
            String etag = Files.exists(etagFile)
                    ? new String(Files.readAllBytes(etagFile), StandardCharsets.UTF_8).trim() : null;
            if (have > size) {
                discard(part, etagFile);
                throw new CliException(ExitCode.INTEGRITY, part + " held " + have + " bytes, more than the result's "
                        + size + ": it is not a part of this result. It was removed; run again to download afresh.");
            }
            if (have > 0 && (etag == null || etag.isEmpty())) {
                err.println("note: " + part + " has no recorded ETag to resume it safely; downloading afresh");
                have = 0;
            }
            // A part as long as the result still asks for its last byte: a 206 proves it is this result's.
            boolean resume = have > 0 && size > 0;
            long from = resume ? Math.min(have, size - 1) : 0;
            Map<String, String> headers = identity();
            if (resume) {
                headers.put("Range", "bytes=" + from + "-");
                headers.put("If-Range", etag);
            }
            HttpURLConnection connection = api.http().stream("GET", resultPath(queryId), headers);
            try {
                int status = connection.getResponseCode();
                if (status == 206 && resume) {
                    checkContentRange(connection.getHeaderField("Content-Range"), from, size, part, etagFile);
                } else if (status == 200) {
                    if (resume) {
                        // Either the result changed (If-Range), or it is stored compressed and is sent whole.
                        err.println("note: the server sent the whole result rather than the rest of " + part
                                + "; downloading it afresh");
                    }
                    from = 0;
                    checkLength(connection.getContentLengthLong(), size, part, etagFile);
                    recordEtag(etagFile, connection.getHeaderField("ETag"));
                } else {
                    throw api.http().refusal(connection);
                }
                long written = copyInto(connection, part, from, size, queryId);
                if (written != size) {
                    discard(part, etagFile);
                    throw new CliException(ExitCode.INTEGRITY, "the download ended at " + written
                            + " bytes, but the result has " + size + " (filestatus); the part file was removed");
                }
            } finally {
                connection.disconnect();
            }
            moveIntoPlace(part, target);
            Files.deleteIfExists(etagFile);
            return size;
        } catch (IOException e) {
            throw new CliException(ExitCode.INTERNAL, "cannot write " + target + ": " + e, e);
        }
    }

    /** Streams the whole result to {@code out} (no resume), then checks its size; returns it. */
    long toStream(String queryId, OutputStream out) {
        long size = api.fileStatus(queryId);
        HttpURLConnection connection = api.http().stream("GET", resultPath(queryId), identity());
        try {
            if (connection.getResponseCode() != 200) {
                throw api.http().refusal(connection);
            }
            long length = connection.getContentLengthLong();
            if (length >= 0 && length != size) {
                throw new CliException(ExitCode.INTEGRITY, "the server sends " + length + " bytes, but the result "
                        + "has " + size + " (filestatus)");
            }
            long written = 0;
            try (InputStream in = connection.getInputStream()) {
                byte[] buffer = new byte[BUFFER_BYTES];
                int read;
                while ((read = in.read(buffer)) != -1) {
                    out.write(buffer, 0, read);
                    written += read;
                }
                out.flush();
            }
            if (written != size) {
                throw new CliException(ExitCode.INTEGRITY, "the output holds " + written + " bytes, but the result "
                        + "has " + size + " (filestatus): it is not the whole result");
            }
            return written;
        } catch (IOException e) {
            throw api.http().unreachable("GET", resultPath(queryId), e);
        } finally {
            connection.disconnect();
        }
    }

    /** Appends the body at {@code from}, flushed to disk; a broken connection keeps what arrived for a resume. */
    private long copyInto(HttpURLConnection connection, Path part, long from, long size, String queryId)
            throws IOException {
        try (FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.truncate(from);
            channel.position(from);
            progress.downloadStarted(from, size);
            long written = from;
            try (InputStream in = connection.getInputStream()) {
                byte[] buffer = new byte[BUFFER_BYTES];
                while (written <= size) {
                    int read = read(in, buffer, channel, written, part, queryId);
                    if (read == -1) {
                        break;
                    }
                    ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, read);
                    while (bytes.hasRemaining()) {
                        channel.write(bytes);
                    }
                    written += read;
                    progress.downloaded(written);
                }
            } finally {
                progress.close();
            }
            channel.force(true);
            return channel.size();
        }
    }

    private int read(InputStream in, byte[] buffer, FileChannel channel, long written, Path part, String queryId)
            throws IOException {
        try {
            return in.read(buffer);
        } catch (IOException broken) {
            channel.force(true);
            CliException unreachable = api.http().unreachable("GET", resultPath(queryId), broken);
            throw new CliException(ExitCode.UNREACHABLE, unreachable.getMessage() + "; " + written
                    + " bytes are kept in " + part + ": run the same command again to resume", broken);
        }
    }

    private void checkContentRange(String contentRange, long from, long size, Path part, Path etagFile)
            throws IOException {
        Matcher range = contentRange == null ? null : CONTENT_RANGE.matcher(contentRange.trim());
        if (range == null || !range.matches() || Long.parseLong(range.group(1)) != from
                || Long.parseLong(range.group(2)) != size - 1 || Long.parseLong(range.group(3)) != size) {
            discard(part, etagFile);
            throw new CliException(ExitCode.INTEGRITY, "asked for bytes " + from + "- of " + size + " but the server "
                    + "sent Content-Range '" + contentRange + "'; the part file was removed");
        }
    }

    private void checkLength(long contentLength, long size, Path part, Path etagFile) throws IOException {
        if (contentLength >= 0 && contentLength != size) {
            discard(part, etagFile);
            throw new CliException(ExitCode.INTEGRITY, "the server sends " + contentLength + " bytes, but the result "
                    + "has " + size + " (filestatus)");
        }
    }

    private static void recordEtag(Path etagFile, String etag) throws IOException {
        if (etag == null || etag.startsWith("W/")) {
            // Without a strong validator a later resume could not prove the bytes are the same result's.
            Files.deleteIfExists(etagFile);
        } else {
            Files.write(etagFile, etag.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void moveIntoPlace(Path part, Path target) throws IOException {
        try {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void discard(Path part, Path etagFile) throws IOException {
        Files.deleteIfExists(part);
        Files.deleteIfExists(etagFile);
    }

    static Path sibling(Path target, String suffix) {
        return target.resolveSibling(target.getFileName().toString() + suffix);
    }

    private static String resultPath(String queryId) {
        return "/" + QueryIds.check(queryId) + "/result_download";
    }

    /** Stored bytes, never gzip: sizes and ranges count what filestatus counts. */
    private static Map<String, String> identity() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept-Encoding", "identity");
        headers.put("Accept", "*/*");
        return headers;
    }
}
