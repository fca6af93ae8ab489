package org.apache.kylin.rest.asyncquery.api;

import javax.servlet.http.HttpServletRequest;

import org.apache.kylin.rest.asyncquery.security.DownloadLinkSigner;
import org.apache.kylin.rest.asyncquery.service.DownloadLinks;

/**
 * A download link's {@code expires} and {@code signature}, read only once the query string is known to be short:
 * anyone may send a link request, so an odd or huge one costs a length check and no more. Anything but exactly one
 * of each, in their exact forms, is LINK_INVALID.
 */
final class DownloadLinkParameters {
    static final String EXPIRES = "expires";
    static final String SIGNATURE = "signature";
    /** A genuine link's query string has about 80 characters; this leaves room for a client's harmless extras. */
    private static final int MAX_QUERY_STRING_CHARS = 256;
    private static final int MAX_EXPIRES_DIGITS = 12;

    private final long expiresEpochSeconds;
    private final String signature;

    private DownloadLinkParameters(long expiresEpochSeconds, String signature) {
        this.expiresEpochSeconds = expiresEpochSeconds;
        this.signature = signature;
    }

    static DownloadLinkParameters read(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query == null || query.length() > MAX_QUERY_STRING_CHARS) {
            throw DownloadLinks.invalid();
        }
        String expires = single(request, EXPIRES);
        String signature = single(request, SIGNATURE);
        if (expires.isEmpty() || expires.length() > MAX_EXPIRES_DIGITS || !digits(expires) || expires.startsWith("0")
                || signature.length() != DownloadLinkSigner.SIGNATURE_CHARS) {
            throw DownloadLinks.invalid();
        }
        return new DownloadLinkParameters(Long.parseLong(expires), signature);
    }

    long expiresEpochSeconds() {
        return expiresEpochSeconds;
    }

    String signature() {
        return signature;
    }

    private static String single(HttpServletRequest request, String name) {
        String[] values = request.getParameterValues(name);
        if (values == null || values.length != 1) {
            throw DownloadLinks.invalid();
        }
        return values[0];
    }

    private static boolean digits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
