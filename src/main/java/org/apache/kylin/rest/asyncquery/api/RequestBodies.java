package org.apache.kylin.rest.asyncquery.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import javax.servlet.http.HttpServletRequest;

import org.apache.kylin.rest.asyncquery.service.AsyncQueryException;
import org.apache.kylin.rest.asyncquery.service.ErrorCode;

/**
 * Reads a request body as raw bytes, whatever its declared Content-Type, up to a size cap. Reading it ourselves
 * keeps a JSON body sent as form data (curl's default) intact and bounds what one request can make us hold.
 */
final class RequestBodies {
    /** SQL is text: a megabyte is far beyond any real query, and it bounds what one request can make us hold. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private RequestBodies() {
    }

    static byte[] read(HttpServletRequest request) {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (InputStream in = request.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (body.size() + n > MAX_BODY_BYTES) {
                    throw tooLarge();
                }
                body.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new AsyncQueryException(ErrorCode.INVALID_REQUEST, "The request body could not be read.", e);
        }
        return body.toByteArray();
    }

    private static AsyncQueryException tooLarge() {
        return new AsyncQueryException(ErrorCode.REQUEST_TOO_LARGE,
                "The request body is larger than " + MAX_BODY_BYTES + " bytes.");
    }
}
