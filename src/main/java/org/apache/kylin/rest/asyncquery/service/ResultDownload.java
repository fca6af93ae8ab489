package org.apache.kylin.rest.asyncquery.service;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.InputStream;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.Supplier;

import org.apache.kylin.rest.asyncquery.store.ResultReadException;
import org.apache.kylin.rest.asyncquery.vocabulary.ErrorCode;

/** A SUCCESSFUL query's result, ready to stream: its size, how to label it, and how to read it. */
public final class ResultDownload {
    private final long length;
    private final String fileName;
    private final String contentType;
    private final boolean text;
    private final String etag;
    private final LongFunction<InputStream> content;
    private final Supplier<Optional<File>> localFile;

    ResultDownload(long length, String fileName, String contentType, boolean text, String etag,
            LongFunction<InputStream> content, Supplier<Optional<File>> localFile) {
        this.length = length;
        this.fileName = requireNonNull(fileName, "fileName is null");
        this.contentType = requireNonNull(contentType, "contentType is null");
        this.text = text;
        this.etag = requireNonNull(etag, "etag is null");
        this.content = requireNonNull(content, "content is null");
        this.localFile = requireNonNull(localFile, "localFile is null");
    }

    public long length() {
        return length;
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
        return etag;
    }

    /**
     * The result as one file on this machine that stays readable for the next minute even if the query is deleted
     * meanwhile, for a web server to send by name; empty if the result is not a local file. Each call pins anew.
     */
    public Optional<File> pinLocalFile() {
        return localFile.get();
    }

    /**
     * Opens the result's bytes; the caller closes the stream. Call it before sending anything: a query deleted in
     * the meantime is refused here as not found, while nothing has been promised to the client yet.
     */
    public InputStream open() {
        return open(0);
    }

    /** Like {@link #open()}, from byte {@code offset}: for a ranged download that resumes a broken one. */
    public InputStream open(long offset) {
        try {
            return content.apply(offset);
        } catch (ResultReadException e) {
            if (e.getCause() instanceof FileNotFoundException) {
                throw new AsyncQueryException(ErrorCode.QUERY_NOT_FOUND, "The query's result was deleted.", e);
            }
            throw new AsyncQueryException(ErrorCode.STORAGE_UNAVAILABLE,
                    "The result could not be read: " + e.getCause().getMessage(), e);
        }
    }
}
