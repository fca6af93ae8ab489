package org.apache.kylin.asyncquery.standalone;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/** An attempt refused without a password check, because of the back-off after wrong passwords. */
final class LoginThrottledException extends AuthenticationException {
    private static final long serialVersionUID = 1L;

    private final String user;
    private final long retryAfterSeconds;

    LoginThrottledException(String user, Duration wait) {
        super("Too many wrong passwords; try again in " + seconds(wait) + " s.");
        this.user = user;
        this.retryAfterSeconds = seconds(wait);
    }

    /** The user name the attempt was for, as sent. */
    String user() {
        return user;
    }

    /** Whole seconds to wait, at least one. */
    long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    private static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
