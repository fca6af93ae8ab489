package org.apache.kylin.rest.asyncquery.service;

import java.io.InputStream;
import java.util.function.Supplier;

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

    /** Opens the result's bytes; the caller closes the stream. */
    public InputStream open() {
        return content.get();
    }
}
