package org.apache.kylin.asyncquery.standalone;

import java.io.IOException;
import java.io.Writer;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.kylin.rest.asyncquery.api.EnvelopeResponse;
import org.apache.kylin.rest.asyncquery.vocabulary.ErrorCode;

/**
 * Tomcat's last word on an error nobody else answered (an unknown path, a wrong HTTP method, a malformed URL): an
 * envelope instead of Tomcat's HTML page, and never a stack trace.
 */
public final class EnvelopeErrorReportValve extends ErrorReportValve {
    private final ObjectMapper json = new ObjectMapper();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        ErrorCode code = status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.INVALID_REQUEST;
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(json.writeValueAsString(EnvelopeResponse.error(code.name(), message(request, status))));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client went away or the response was already committed; nothing more can be said.
        }
    }

    private static String message(Request request, int status) {
        // A URL Tomcat could not decode has no decoded form; show the raw one instead.
        String uri = request.getDecodedRequestURI() != null ? request.getDecodedRequestURI() : request.getRequestURI();
        String target = request.getMethod() + " " + (uri != null ? uri : "(an unreadable URL)");
        switch (status) {
            case 404:
                return "No endpoint answers " + target + ".";
            case 405:
                return "The method is not allowed here: " + target + ".";
            case 400:
                return "The request is malformed: " + target + ".";
            default:
                return status >= 500 ? "The server failed to answer " + target + "; its log has the details."
                        : "The request was refused (HTTP " + status + "): " + target + ".";
        }
    }
}
