package org.apache.kylin.rest.asyncquery.api;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.apache.kylin.rest.asyncquery.security.CurrentRequester;
import org.apache.kylin.rest.asyncquery.security.Requester;
import org.apache.kylin.rest.asyncquery.service.AsyncQueryException;
import org.apache.kylin.rest.asyncquery.service.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Turns every failure of {@link AsyncQueryController} into an envelope with a person-readable message and the
 * right status. Scoped to that controller alone: inside a Kylin host, a global advice would change every endpoint.
 */
@ControllerAdvice(assignableTypes = AsyncQueryController.class)
public class AsyncQueryExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncQueryExceptionHandler.class);

    private final CurrentRequester currentRequester;

    public AsyncQueryExceptionHandler(CurrentRequester currentRequester) {
        this.currentRequester = currentRequester;
    }

    @ExceptionHandler(AsyncQueryException.class)
    public ResponseEntity<EnvelopeResponse<Object>> refused(AsyncQueryException e, HttpServletRequest request,
            HttpServletResponse response) {
        if (ErrorStatus.of(e.code()) >= 500) {
            LOG.warn("Async query request failed: {}", e.getMessage(), e);
        }
        AuditLog.refused(request, currentRequester.get().map(Requester::name).orElse(null), e.code().name());
        return envelope(e.code(), e.getMessage(), response);
    }

    @ExceptionHandler({ServletRequestBindingException.class, MethodArgumentTypeMismatchException.class,
            HttpMediaTypeException.class})
    public ResponseEntity<EnvelopeResponse<Object>> badRequest(Exception e, HttpServletResponse response) {
        return envelope(ErrorCode.INVALID_REQUEST, "The request is malformed: " + e.getMessage(), response);
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    public ResponseEntity<EnvelopeResponse<Object>> notAcceptable(HttpMediaTypeNotAcceptableException e,
            HttpServletResponse response) {
        return envelope(ErrorCode.NOT_ACCEPTABLE, "This endpoint answers JSON (application/json or "
                + "application/vnd.apache.kylin-v2+json); the request's Accept header allows neither.", response);
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<EnvelopeResponse<Object>> unexpected(Exception e, HttpServletResponse response) {
        LOG.error("Unexpected failure in the async query API", e);
        return envelope(ErrorCode.INTERNAL_ERROR, "The server failed unexpectedly; its log has the details.",
                response);
    }

    private static ResponseEntity<EnvelopeResponse<Object>> envelope(ErrorCode code, String message,
            HttpServletResponse response) {
        if (response.isCommitted()) {
            // A download already under way cannot switch to an envelope; the client sees a cut-short body.
            LOG.debug("Response already committed; dropping error {}: {}", code, message);
            return null;
        }
        // A preset Content-Type skips negotiation, so the envelope is sent even to clients asking for text/csv.
        return ResponseEntity.status(ErrorStatus.of(code))
                .contentType(MediaType.APPLICATION_JSON)
                .body(EnvelopeResponse.error(code.name(), message));
    }
}
