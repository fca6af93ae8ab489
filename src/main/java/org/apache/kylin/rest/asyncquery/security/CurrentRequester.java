package org.apache.kylin.rest.asyncquery.security;

import java.util.Optional;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Reads the {@link Requester} from Spring Security's context: a Kylin host's own security in the plugin, HTTP
 * Basic in the standalone server. Kylin's administrators hold {@code ROLE_ADMIN}.
 */
public final class CurrentRequester {
    public static final String ADMIN_AUTHORITY = "ROLE_ADMIN";

    /** The requester, or empty when the request is not authenticated. */
    public Optional<Requester> get() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        // A path open to everyone (a download link) runs as Spring's anonymous user, who is nobody here.
        if (auth == null || !auth.isAuthenticated() || auth.getName() == null
                || auth instanceof AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        boolean admin = false;
        for (GrantedAuthority authority : auth.getAuthorities()) {
            admin |= ADMIN_AUTHORITY.equals(authority.getAuthority());
        }
        return Optional.of(new Requester(auth.getName(), admin));
    }
}
