package org.apache.kylin.rest.asyncquery.api;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Whether a request's body is still unread, and what a refusal does then: it says the connection will close
 * ({@code Connection: close}) instead of serving a next request once the rest of a body nobody wants has arrived.
 * The container decides whether it reads that rest before closing: Tomcat does by default (up to its
 * {@code maxSwallowSize}, waiting on a slow client meanwhile), so the standalone server turns that off and a Kylin
 * host should (see the README).
 */
public final class UnreadBody {
    private static final String READ = UnreadBody.class.getName() + ".read";

    private UnreadBody() {
    }

    static void markRead(HttpServletRequest request) {
        request.setAttribute(READ, Boolean.TRUE);
    }

    /** True when the request declares a body (a length or a transfer coding) that the API has not read to the end. */
    public static boolean isUnread(HttpServletRequest request) {
        boolean declared = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        return declared && !Boolean.TRUE.equals(request.getAttribute(READ));
    }

    /** Adds {@code Connection: close} to a response not yet sent when the request's body is unread. */
    public static void closeConnectionIfUnread(HttpServletRequest request, HttpServletResponse response) {
        if (isUnread(request) && !response.isCommitted()) {
            response.setHeader("Connection", "close");
        }
    }
}
