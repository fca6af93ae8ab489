package org.apache.kylin.rest.asyncquery.api;

import javax.servlet.http.HttpServletRequest;

import org.apache.kylin.rest.asyncquery.service.AsyncQueryException;
import org.apache.kylin.rest.asyncquery.vocabulary.ErrorCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * A submit carries JSON: {@code application/json} or KAP's {@code application/vnd.apache.kylin-v2+json}, with or
 * without a charset, as both API documents send it. Anything else, or nothing, is refused before the body is read:
 * a web page of another site can post a form ({@code application/x-www-form-urlencoded}, {@code multipart/form-data},
 * {@code text/plain}) or a typeless body with the browser's remembered credentials and no preflight, but not JSON.
 */
final class JsonContentType {
    static final MediaType KYLIN_V2 = MediaType.valueOf("application/vnd.apache.kylin-v2+json");
    private static final int MAX_ECHOED_CHARS = 100;

    private JsonContentType() {
    }

    static void require(HttpServletRequest request) {
        String declared = request.getContentType();
        if (declared == null || declared.trim().isEmpty()) {
            throw unsupported("this request has no Content-Type");
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(declared);
        } catch (InvalidMediaTypeException e) {
            throw unsupported("this request's Content-Type '" + abbreviate(declared) + "' is not a media type");
        }
        if (!type.equalsTypeAndSubtype(MediaType.APPLICATION_JSON) && !type.equalsTypeAndSubtype(KYLIN_V2)) {
            throw unsupported("this request's is '" + abbreviate(declared) + "'");
        }
    }

    private static AsyncQueryException unsupported(String actual) {
        return new AsyncQueryException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "A query is submitted as JSON: send "
                + "Content-Type: application/json (or application/vnd.apache.kylin-v2+json); " + actual + ".");
    }

    private static String abbreviate(String text) {
        String trimmed = text.trim();
        return trimmed.length() > MAX_ECHOED_CHARS ? trimmed.substring(0, MAX_ECHOED_CHARS) + "..." : trimmed;
    }
}
