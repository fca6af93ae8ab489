package org.apache.kylin.rest.asyncquery.security;

import java.util.function.Consumer;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Runs background work as the user who submitted it. A host engine (Kylin's) reads the current user from Spring
 * Security for its ACLs and query context, and the query runs on a pool thread long after the request is gone.
 */
public final class SecurityContextCarrier {

    /** Wraps {@code work} so that it runs with a copy of the calling thread's security context. */
    public <T> Consumer<T> carry(Consumer<T> work) {
        SecurityContext submitter = SecurityContextHolder.createEmptyContext();
        submitter.setAuthentication(SecurityContextHolder.getContext().getAuthentication());
        return argument -> {
            SecurityContext previous = SecurityContextHolder.getContext();
            SecurityContextHolder.setContext(submitter);
            try {
                work.accept(argument);
            } finally {
                SecurityContextHolder.setContext(previous);
            }
        };
    }
}
