package org.apache.kylin.rest.asyncquery.service;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Optional;

import org.apache.kylin.rest.asyncquery.format.TextCompression;
import org.apache.kylin.rest.asyncquery.metrics.AsyncQueryMetrics;
import org.apache.kylin.rest.asyncquery.store.StoredResult;
import org.apache.kylin.rest.asyncquery.vocabulary.Compression;
import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryOutcome;

/**
 * A SUCCESSFUL query's result, ready to stream: its size, how to label it, and how to read it. Reading it may
 * throw the store's exceptions, which the API answers (a query deleted meanwhile is QUERY_NOT_FOUND).
 */
public final class ResultDownload {
    private final StoredResult result;
    private final String fileName;
    private final String contentType;
    private final boolean text;
    private final Compression compression;
    private final long uncompressedLength;
    private final Clock clock;
    private final AsyncQueryMetrics metrics;

    ResultDownload(StoredResult result, FormatOptions options, QueryOutcome outcome, Clock clock,
            AsyncQueryMetrics metrics) {
        this.result = requireNonNull(result, "result is null");
        requireNonNull(options, "options is null");
        this.fileName = options.downloadFileName();
        this.contentType = options.contentType();
        this.text = options.format().isText();
        // The outcome, not the request, says whether the stored bytes are compressed.
        this.compression = text && outcome.storedCompressed() ? options.compression() : Compression.NONE;
        this.uncompressedLength = outcome.storedCompressed() ? outcome.uncompressedBytes() : result.size();
        this.clock = requireNonNull(clock, "clock is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    /**
     * Notes that this result is being sent with {@code bytes} of its stored bytes (a range's, or all of them), for
     * the metrics of downloads and bytes served; a HEAD or a 304 sends none and is not noted.
     */
    public void served(long bytes) {
        metrics.downloadServed(bytes);
    }

    /** The stored bytes' count: what a download of them as they are, or a range of them, counts. */
    public long length() {
        return result.size();
    }

    /**
     * The content coding the stored bytes are in ({@code gzip}, {@code zstd}) for text stored compressed; empty
     * when they are the result as it is.
     */
    public Optional<String> storedCoding() {
        return compression == Compression.NONE ? Optional.empty() : Optional.of(compression.requestName());
    }

    /** The result's bytes before any compression at rest, as {@code filestatus} reports them. */
    public long uncompressedLength() {
        return uncompressedLength;
    }

    public String fileName() {
        return fileName;
    }

    public String contentType() {
        return contentType;
    }

    /** Whether the file is text, so worth compressing on the fly. */
    public boolean isText() {
        return text;
    }

    /** A strong entity tag: a committed result never changes, so its query and length identify its bytes. */
    public String etag() {
        return "\"" + result.etagBasis() + "\"";
    }

    /**
     * The strong tag of the text of a result stored compressed, which is sent decompressed to a client that does
     * not accept the stored coding: other bytes than the stored ones, so another tag.
     */
    public String uncompressedEtag() {
        return "\"" + result.etagBasis() + "-text\"";
    }

    /**
     * The result as one file on this machine that stays readable for the next minute even if the query is deleted
     * meanwhile, for a web server to send by name; empty if the result is not one local file. Each call pins anew.
     */
    public Optional<File> pinLocalFile() {
        return result.pinForSending(clock.millis());
    }

    /**
     * Opens the result's bytes; the caller closes the stream. Call it before sending anything: a query deleted in
     * the meantime is refused here as not found, while nothing has been promised to the client yet.
     */
    public InputStream open() {
        return open(0);
    }

    /**
     * The whole result's bytes decompressed, for a client that does not accept the stored coding; {@link #open()}
     * for a result stored as it is. Reads may throw IOException, for damaged stored bytes too.
     */
    public InputStream openUncompressed() throws IOException {
        InputStream stored = open();
        if (compression == Compression.NONE) {
            return stored;
        }
        try {
            return TextCompression.decompressing(stored, compression);
        } catch (IOException | RuntimeException e) {
            stored.close();
            throw e;
        }
    }

    /** Like {@link #open()}, from byte {@code offset}: for a ranged download that resumes a broken one. */
    public InputStream open(long offset) {
        return result.open(offset);
    }

    /**
     * A stream that encodes a download into {@code response} with a content coding (gzip or zstd) on the fly; closing
     * it ends the coding without closing {@code response}.
     */
    public static OutputStream encodingOnTheFly(OutputStream response, Compression coding) throws IOException {
        return TextCompression.encodingOnTheFly(response, coding);
    }
}
