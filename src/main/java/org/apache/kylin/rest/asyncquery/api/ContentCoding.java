package org.apache.kylin.rest.asyncquery.api;

import java.io.IOException;
import java.io.OutputStream;

import org.apache.kylin.rest.asyncquery.service.ResultDownload;
import org.apache.kylin.rest.asyncquery.vocabulary.Compression;

/**
 * A content coding this server compresses downloads with on the fly, or a text result is stored in, by its HTTP
 * token. Listed in the order the
 * server prefers them when a client accepts both equally: zstd is the coding clients add for speed, and every
 * client that names it can decode it. Section 3b of bench/server-load measures whether this encoder delivers that.
 */
enum ContentCoding {
    ZSTD("zstd"),
    GZIP("gzip");

    private final String token;

    ContentCoding(String token) {
        this.token = token;
    }

    /** The coding of this token, which a result stored compressed names. */
    static ContentCoding named(String token) {
        for (ContentCoding coding : values()) {
            if (coding.token.equals(token)) {
                return coding;
            }
        }
        throw new IllegalArgumentException("No content coding " + token);
    }

    /** The token of Accept-Encoding and Content-Encoding. */
    String token() {
        return token;
    }

    /**
     * A stream that encodes into {@code out}. Closing it ends the encoding (gzip's trailer, zstd's last frame) and
     * flushes {@code out} without closing it: the servlet container owns the response stream.
     */
    OutputStream encoder(OutputStream out) throws IOException {
        return ResultDownload.encodingOnTheFly(out, this == GZIP ? Compression.GZIP : Compression.ZSTD);
    }
}
