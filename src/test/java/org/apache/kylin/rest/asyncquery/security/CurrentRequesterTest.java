package org.apache.kylin.rest.asyncquery.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is asking, from Spring Security's context. A path open to everyone (a download link) runs as Spring's
 * anonymous user: that is nobody, never a user called "anonymousUser".
 */
class CurrentRequesterTest {
    private final CurrentRequester current = new CurrentRequester();

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aSignedInUserIsTheRequesterAndRoleAdminMakesAnAdministrator() {
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("ADMIN", null,
                AuthorityUtils.createAuthorityList("ROLE_ADMIN")));
        assertThat(current.get()).hasValueSatisfying(r -> {
            assertThat(r.name()).isEqualTo("ADMIN");
            assertThat(r.isAdmin()).isTrue();
        });
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("ANALYST", null,
                AuthorityUtils.createAuthorityList("ROLE_ANALYST")));
        assertThat(current.get()).hasValueSatisfying(r -> assertThat(r.isAdmin()).isFalse());
    }

    @Test
    void nobodyAndTheAnonymousUserAreNoRequester() {
        assertThat(current.get()).isEmpty();
        SecurityContextHolder.getContext().setAuthentication(new AnonymousAuthenticationToken("key", "anonymousUser",
                List.copyOf(AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"))));
        assertThat(SecurityContextHolder.getContext().getAuthentication().isAuthenticated()).isTrue();
        assertThat(current.get()).isEmpty();
    }
}
