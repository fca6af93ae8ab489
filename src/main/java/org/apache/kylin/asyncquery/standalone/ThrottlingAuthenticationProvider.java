package org.apache.kylin.asyncquery.standalone;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Checks a password only when the {@link LoginThrottle} admits the attempt; otherwise refuses it at once with a
 * {@link LoginThrottledException}. Sits behind {@link CachingAuthenticationProvider}, so a login remembered from a
 * recent success is never throttled: a user already signed in keeps working while someone guesses at their name.
 */
final class ThrottlingAuthenticationProvider implements AuthenticationProvider {
    private final AuthenticationProvider delegate;
    private final LoginThrottle throttle;

    ThrottlingAuthenticationProvider(AuthenticationProvider delegate, LoginThrottle throttle) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.throttle = requireNonNull(throttle, "throttle is null");
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String user = authentication.getName();
        String address = address(authentication);
        Duration wait = throttle.admit(user, address);
        if (!wait.isZero()) {
            throw new LoginThrottledException(user, wait);
        }
        // Counted as a failure on admission; only a success takes it back.
        Authentication result = delegate.authenticate(authentication);
        if (result != null && result.isAuthenticated()) {
            throttle.succeeded(user, address);
        }
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return delegate.supports(authentication);
    }

    private static String address(Authentication authentication) {
        Object details = authentication.getDetails();
        if (details instanceof WebAuthenticationDetails) {
            String address = ((WebAuthenticationDetails) details).getRemoteAddress();
            return address == null ? "" : address;
        }
        return "";
    }
}
