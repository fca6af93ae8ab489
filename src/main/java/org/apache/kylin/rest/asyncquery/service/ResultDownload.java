package org.apache.kylin.rest.asyncquery.service;

import java.io.FileNotFoundException;
import java.io.InputStream;
import java.util.function.Supplier;

import org.apache.kylin.rest.asyncquery.store.ResultReadException;

/** A SUCCESSFUL query's result, ready to stream: its size, how to label it, and how to read it. */
public final class ResultDownload {
    private final long length;
    private final String fileName;
    private final String contentType;
    private final Supplier<InputStream> content;

    ResultDownload(long length, String fileName, String contentType, Supplier<InputStream> content) {
        this.length = length;
        this.fileName = fileName;
        this.contentType = contentType;
        this.content = content;
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

    /**
     * Opens the result's bytes; the caller closes the stream. Call it before sending anything: a query deleted in
     * the meantime is refused here as not found, while nothing has been promised to the client yet.
     */
    public InputStream open() {
        try {
            return content.get();
        } catch (ResultReadException e) {
            if (e.getCause() instanceof FileNotFoundException) {
                throw new AsyncQueryException(ErrorCode.QUERY_NOT_FOUND, "The query's result was deleted.", e);
            }
            throw new AsyncQueryException(ErrorCode.STORAGE_UNAVAILABLE,
                    "The result could not be read: " + e.getCause().getMessage(), e);
        }
    }
}
