package org.apache.kylin.rest.asyncquery.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import javax.servlet.http.HttpServletRequest;

import org.apache.kylin.rest.asyncquery.config.ConfigKey;
import org.apache.kylin.rest.asyncquery.service.AsyncQueryException;
import org.apache.kylin.rest.asyncquery.service.ErrorCode;

/**
 * Reads a request body as raw bytes, whatever its declared Content-Type, up to a size cap. Reading it ourselves
 * keeps a JSON body sent as form data (curl's default) intact and bounds what one request can make us hold.
 */
final class RequestBodies {
    private RequestBodies() {
    }

    /** The body, refused with REQUEST_TOO_LARGE past {@code maxBytes} (checked while reading, not just declared). */
    static byte[] read(HttpServletRequest request, int maxBytes) {
        if (request.getContentLengthLong() > maxBytes) {
            throw tooLarge(maxBytes);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (InputStream in = request.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (body.size() + n > maxBytes) {
                    throw tooLarge(maxBytes);
                }
                body.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new AsyncQueryException(ErrorCode.INVALID_REQUEST, "The request body could not be read.", e);
        }
        return body.toByteArray();
    }

    private static AsyncQueryException tooLarge(int maxBytes) {
        return new AsyncQueryException(ErrorCode.REQUEST_TOO_LARGE, "The request body is larger than " + maxBytes
                + " bytes, the most this server accepts (" + ConfigKey.MAX_REQUEST_BYTES.key() + ").");
    }
}
