package org.apache.kylin.rest.asyncquery.api;

import static java.util.Objects.requireNonNull;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.apache.kylin.rest.asyncquery.metrics.AsyncQueryMetrics;
import org.apache.kylin.rest.asyncquery.security.CurrentRequester;
import org.apache.kylin.rest.asyncquery.security.Requester;
import org.apache.kylin.rest.asyncquery.service.AsyncQueryException;
import org.apache.kylin.rest.asyncquery.store.StoreException;
import org.apache.kylin.rest.asyncquery.vocabulary.ErrorCode;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
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
    private static final String RETRY_BUSY_AFTER_SECONDS = "5";
    /** The audit action a submit notes first thing. */
    private static final String SUBMIT = "submit";

    private final CurrentRequester currentRequester;
    private final AsyncQueryMetrics metrics;

    public AsyncQueryExceptionHandler(CurrentRequester currentRequester, AsyncQueryMetrics metrics) {
        this.currentRequester = requireNonNull(currentRequester, "currentRequester is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    @ExceptionHandler(AsyncQueryException.class)
    public ResponseEntity<EnvelopeResponse<Object>> refused(AsyncQueryException e, HttpServletRequest request,
            HttpServletResponse response) {
        if (ErrorStatus.of(e.code()) >= 500 && e.code() != ErrorCode.SERVER_BUSY) {
            LOG.warn("Async query request failed: {}", e.getMessage(), e);
        }
        AuditLog.refused(request, currentRequester.get().map(Requester::name).orElse(null), e.code().name());
        if (e.code() == ErrorCode.SERVER_BUSY && !response.isCommitted()) {
            response.setHeader("Retry-After", RETRY_BUSY_AFTER_SECONDS);
        }
        return envelope(e.code(), e.getMessage(), request, response);
    }

    /**
     * A failure of the result store, answered as a refusal: a query deleted meanwhile is QUERY_NOT_FOUND, any other
     * STORAGE_UNAVAILABLE. The store's message names the path; it goes to the log, never into the answer.
     */
    @ExceptionHandler(StoreException.class)
    public ResponseEntity<EnvelopeResponse<Object>> storeFailed(StoreException e, HttpServletRequest request,
            HttpServletResponse response) {
        return refused(StoreFailures.refusal(e), request, response);
    }

    @ExceptionHandler({ServletRequestBindingException.class, HttpMediaTypeException.class})
    public ResponseEntity<EnvelopeResponse<Object>> badRequest(Exception e, HttpServletRequest request,
            HttpServletResponse response) {
        return envelope(ErrorCode.INVALID_REQUEST, "The request is malformed: " + e.getMessage(), request, response);
    }

    /**
     * An argument Spring could not bind. A path's query ID that is not one is refused as INVALID_QUERY_ID, and,
     * since the handler never ran to note its action, audited here as the action the endpoint declares.
     */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ResponseEntity<EnvelopeResponse<Object>> unbound(MethodArgumentTypeMismatchException e,
            HttpServletRequest request, HttpServletResponse response) {
        if (!QueryId.class.equals(e.getRequiredType())) {
            return badRequest(e, request, response);
        }
        String text = String.valueOf(e.getValue());
        AuditLog.begin(request, e.getParameter(), text);
        return refused(QueryIdEditor.notAQueryId(text), request, response);
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    public ResponseEntity<EnvelopeResponse<Object>> notAcceptable(HttpMediaTypeNotAcceptableException e,
            HttpServletRequest request, HttpServletResponse response) {
        return envelope(ErrorCode.NOT_ACCEPTABLE, "This endpoint answers JSON (application/json or "
                + "application/vnd.apache.kylin-v2+json); the request's Accept header allows neither.", request,
                response);
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<EnvelopeResponse<Object>> unexpected(Exception e, HttpServletRequest request,
            HttpServletResponse response) {
        LOG.error("Unexpected failure in the async query API", e);
        return envelope(ErrorCode.INTERNAL_ERROR, "The server failed unexpectedly; its log has the details.",
                request, response);
    }

    /** Every refusal of this controller passes here: a refused submit is counted by its code. */
    private ResponseEntity<EnvelopeResponse<Object>> envelope(ErrorCode code, String message,
            HttpServletRequest request, HttpServletResponse response) {
        if (SUBMIT.equals(AuditLog.action(request))) {
            metrics.queryRefused(code);
        }
        if (response.isCommitted()) {
            // A download already under way cannot switch to an envelope; the client sees a cut-short body.
            LOG.debug("Response already committed; dropping error {}: {}", code, message);
            return null;
        }
        // Refused before its body was read (a slow one, maybe): close rather than wait for the rest of it.
        UnreadBody.closeConnectionIfUnread(request, response);
        // A preset Content-Type skips negotiation, so the envelope is sent even to clients asking for text/csv.
        return ResponseEntity.status(ErrorStatus.of(code))
                .contentType(MediaType.APPLICATION_JSON)
                .body(EnvelopeResponse.error(code.name(), message));
    }
}
