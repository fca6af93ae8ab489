package org.apache.kylin.rest.asyncquery.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import javax.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.MethodParameter;

/**
 * One structured line per action on the audit logger {@value #LOGGER}:
 * {@code action=submit outcome=accepted user=ANALYST project=ssb query_id=... client=10.0.0.7}. Values never hold
 * spaces or line breaks, so each line stays one machine-readable record; SQL, results and passwords are never
 * logged. The action and its target are noted on the request first, so that a refusal can be logged with them.
 */
public final class AuditLog {
    static final String LOGGER = "org.apache.kylin.rest.asyncquery.audit";
    private static final Logger AUDIT = LoggerFactory.getLogger(LOGGER);
    private static final String ACTION = AuditLog.class.getName() + ".action";
    private static final String PROJECT = AuditLog.class.getName() + ".project";
    private static final String QUERY_ID = AuditLog.class.getName() + ".queryId";
    private static final int MAX_CODE_POINTS = 200;

    private AuditLog() {
    }

    /** Notes what the request is about to do, for the line written when it ends, however it ends. */
    static void begin(HttpServletRequest request, String action, String project, String queryId) {
        request.setAttribute(ACTION, action);
        request.setAttribute(PROJECT, project);
        request.setAttribute(QUERY_ID, queryId);
    }

    /**
     * Notes the action an endpoint declares with {@link Action}, for a request refused while Spring bound its
     * arguments, before the endpoint could note it; an endpoint that declares none is not audited.
     */
    static void begin(HttpServletRequest request, MethodParameter refusedArgument, String queryId) {
        Action action = refusedArgument.getMethodAnnotation(Action.class);
        if (action != null) {
            begin(request, action.value(), null, queryId);
        }
    }

    /** The action the request noted, or null if it noted none (yet). */
    static String action(HttpServletRequest request) {
        return attribute(request, ACTION);
    }

    static void done(HttpServletRequest request, String user, String outcome, String project, String queryId) {
        write(attribute(request, ACTION), outcome, user, project, queryId, request.getRemoteAddr(), null);
    }

    /** A request refused before any endpoint saw it: no or wrong credentials (the standalone server's own check). */
    public static void unauthenticated(HttpServletRequest request, String errorCode) {
        unauthenticated(request, null, errorCode);
    }

    /** As {@link #unauthenticated(HttpServletRequest, String)}, naming the user the attempt was for. */
    public static void unauthenticated(HttpServletRequest request, String user, String errorCode) {
        write("authenticate", "refused", user, null, null, request.getRemoteAddr(), errorCode);
    }

    /** A refused request: the action it attempted, and why. Requests that did not note an action are not audited. */
    static void refused(HttpServletRequest request, String user, String errorCode) {
        String action = attribute(request, ACTION);
        if (action != null) {
            write(action, "refused", user, attribute(request, PROJECT), attribute(request, QUERY_ID),
                    request.getRemoteAddr(), errorCode);
        }
    }

    private static void write(String action, String outcome, String user, String project, String queryId,
            String client, String errorCode) {
        AUDIT.info("action={} outcome={} user={} project={} query_id={} client={}{}", clean(action), clean(outcome),
                clean(user), clean(project), clean(queryId), clean(client),
                errorCode == null ? "" : " error=" + clean(errorCode));
    }

    private static String attribute(HttpServletRequest request, String name) {
        Object value = request.getAttribute(name);
        return value == null ? null : value.toString();
    }

    /**
     * "-" for nothing; at most {@value #MAX_CODE_POINTS} code points, each one that could break the line's shape or
     * hide in it becoming "_": every kind of space and line break (Unicode's too: U+0085, U+2028, U+2029, no-break
     * spaces), control and format characters (bidi overrides, zero-width), lone surrogates, unassigned code points,
     * and the line's own syntax, '=' and '"'.
     */
    static String clean(String value) {
        if (value == null || value.isEmpty()) {
            return "-";
        }
        StringBuilder cleaned = new StringBuilder(Math.min(value.length(), MAX_CODE_POINTS));
        int kept = 0;
        for (int i = 0; i < value.length() && kept < MAX_CODE_POINTS; kept++) {
            int codePoint = value.codePointAt(i);
            i += Character.charCount(codePoint);
            cleaned.appendCodePoint(isPlain(codePoint) ? codePoint : '_');
        }
        return cleaned.toString();
    }

    private static boolean isPlain(int codePoint) {
        if (codePoint == '=' || codePoint == '"' || Character.isWhitespace(codePoint)
                || Character.isSpaceChar(codePoint) || Character.isISOControl(codePoint)) {
            return false;
        }
        switch (Character.getType(codePoint)) {
            case Character.FORMAT:
            case Character.SURROGATE:
            case Character.UNASSIGNED:
            case Character.PRIVATE_USE:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
            case Character.SPACE_SEPARATOR:
            case Character.CONTROL:
                return false;
            default:
                return true;
        }
    }

    /** The audit action of an endpoint whose path holds a query ID, for a refusal of that ID. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface Action {
        String value();
    }
}
