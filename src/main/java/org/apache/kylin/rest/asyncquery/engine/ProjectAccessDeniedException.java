package org.apache.kylin.rest.asyncquery.engine;

/** The user may not query the project. The message says so to the person who submitted. */
public class ProjectAccessDeniedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProjectAccessDeniedException(String message, Throwable cause) {
        super(message, cause);
    }
}
