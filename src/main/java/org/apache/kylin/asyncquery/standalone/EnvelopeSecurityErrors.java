package org.apache.kylin.asyncquery.standalone;

import java.io.IOException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kylin.rest.asyncquery.api.AuditLog;
import org.apache.kylin.rest.asyncquery.api.EnvelopeResponse;
import org.apache.kylin.rest.asyncquery.api.ErrorStatus;
import org.apache.kylin.rest.asyncquery.api.UnreadBody;
import org.apache.kylin.rest.asyncquery.vocabulary.ErrorCode;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers a missing or wrong login with a 401 envelope, an attempt refused by the back-off after wrong passwords
 * with a 429 envelope and {@code Retry-After}, and a refused one with a 403 envelope.
 */
final class EnvelopeSecurityErrors implements AuthenticationEntryPoint, AccessDeniedHandler {
    static final String REALM = "kylin-async-query";

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException e) throws IOException {
        if (e instanceof LoginThrottledException) {
            LoginThrottledException throttled = (LoginThrottledException) e;
            UnreadBody.closeConnectionIfUnread(request, response);
            response.setHeader("Retry-After", String.valueOf(throttled.retryAfterSeconds()));
            AuditLog.unauthenticated(request, throttled.user(), ErrorCode.LOGIN_THROTTLED.name());
            write(response, ErrorStatus.of(ErrorCode.LOGIN_THROTTLED), ErrorCode.LOGIN_THROTTLED, "Too many wrong "
                    + "passwords for this user or from this address: the password was not checked. Try again in "
                    + throttled.retryAfterSeconds() + " s.");
            return;
        }
        // Refused before its body was read: close the connection rather than wait for the rest of the body.
        UnreadBody.closeConnectionIfUnread(request, response);
        String message = e instanceof BadCredentialsException
                ? "The user name or password is wrong."
                : "Authentication is required: send HTTP Basic credentials.";
        // A script (the export page) signs in its own way; a browser login dialog would only get in its way.
        if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
        }
        AuditLog.unauthenticated(request, ErrorCode.UNAUTHORIZED.name());
        write(response, HttpServletResponse.SC_UNAUTHORIZED, ErrorCode.UNAUTHORIZED, message);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        UnreadBody.closeConnectionIfUnread(request, response);
        write(response, HttpServletResponse.SC_FORBIDDEN, ErrorCode.ACCESS_DENIED, "Access is denied.");
    }

    private void write(HttpServletResponse response, int status, ErrorCode code, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        byte[] body = json.writeValueAsBytes(EnvelopeResponse.error(code.name(), message));
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.getOutputStream().flush();
    }
}
