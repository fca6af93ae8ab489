package org.apache.kylin.asyncquery.standalone;

import java.io.IOException;

import javax.servlet.ServletException;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * Closes the connection at once after a request whose body nobody read to the end (one refused before its body, say:
 * no credentials, a wrong content type, too many uploads), instead of letting Tomcat read the rest of the body first,
 * which it does whatever the status and even when the connection is to close. Reading the rest waits for the client:
 * one trickling a large body a byte at a time would hold a request thread as long as it liked, and a few hundred such
 * clients would hold them all.
 */
final class UnreadBodyValve extends ValveBase {
    UnreadBodyValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        try {
            getNext().invoke(request, response);
        } finally {
            if (!request.isAsync() && !request.getCoyoteRequest().isFinished()) {
                // What Tomcat itself does for an aborted upload: no swallowing, and the connection closes.
                request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
            }
        }
    }
}
