package org.apache.kylin.asyncquery.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** The standalone server's chain: remembered logins, then the back-off, then bcrypt (counted here). */
class ThrottlingAuthenticationProviderTest {
    private final AtomicInteger passwordChecks = new AtomicInteger();
    private final LoginThrottleTest.MutableClock clock = new LoginThrottleTest.MutableClock();
    private CachingAuthenticationProvider chain;

    @BeforeEach
    void setUp() {
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4) {
            @Override
            public boolean matches(CharSequence raw, String encoded) {
                passwordChecks.incrementAndGet();
                return super.matches(raw, encoded);
            }
        };
        DaoAuthenticationProvider dao = new DaoAuthenticationProvider();
        dao.setPasswordEncoder(bcrypt);
        dao.setUserDetailsService(new InMemoryUserDetailsManager(
                User.withUsername("ADMIN").password(bcrypt.encode("KYLIN")).roles("ADMIN").build(),
                User.withUsername("MODELER").password(bcrypt.encode("MODELER")).roles("MODELER").build()));
        chain = new CachingAuthenticationProvider(new ThrottlingAuthenticationProvider(dao,
                LoginThrottle.standard(clock)), clock, Duration.ofMinutes(5), 100);
        passwordChecks.set(0);
    }

    @Test
    void afterAFewWrongPasswordsEvenTheRightOneIsRefusedUncheckedUntilTheWaitIsOver() {
        for (int i = 0; i < 6; i++) {
            assertThatThrownBy(() -> chain.authenticate(login("MODELER", "guess", "10.0.0.66")))
                    .isInstanceOf(BadCredentialsException.class);
        }
        LoginThrottledException refused = catchThrowableOfType(
                () -> chain.authenticate(login("MODELER", "MODELER", "10.0.0.66")), LoginThrottledException.class);
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        assertThat(refused.user()).isEqualTo("MODELER");
        assertThat(passwordChecks).as("the refused attempt cost no bcrypt").hasValue(6);

        clock.advance(Duration.ofSeconds(1));
        assertThat(chain.authenticate(login("MODELER", "MODELER", "10.0.0.66")).isAuthenticated()).isTrue();
        assertThatThrownBy(() -> chain.authenticate(login("MODELER", "guess", "10.0.0.66")))
                .as("a success started the user over: checked, not refused unchecked")
                .isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void aUserSignedInRecentlyKeepsWorkingWhileSomeoneGuessesAtTheirName() {
        chain.authenticate(login("ADMIN", "KYLIN", "10.0.0.1"));
        for (int i = 0; i < 6; i++) {
            String guess = "guess" + i;
            assertThatThrownBy(() -> chain.authenticate(login("ADMIN", guess, "10.0.0.66")))
                    .isInstanceOf(BadCredentialsException.class);
        }
        assertThatThrownBy(() -> chain.authenticate(login("ADMIN", "another", "10.0.0.66")))
                .isInstanceOf(LoginThrottledException.class);
        assertThat(chain.authenticate(login("ADMIN", "KYLIN", "10.0.0.1")).getName()).isEqualTo("ADMIN");
    }

    @Test
    void aRightPasswordStartsTheUserOver() {
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 5; i++) {
                assertThatThrownBy(() -> chain.authenticate(login("MODELER", "guess", "10.0.0.5")))
                        .isInstanceOf(BadCredentialsException.class);
            }
            clock.advance(Duration.ofMinutes(6));
            chain.authenticate(login("MODELER", "MODELER", "10.0.0.5"));
            clock.advance(Duration.ofMinutes(6));
        }
        assertThat(passwordChecks).hasValue(18);
    }

    private static UsernamePasswordAuthenticationToken login(String name, String password, String address) {
        UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.unauthenticated(name,
                password);
        token.setDetails(new WebAuthenticationDetails(address, null));
        return token;
    }
}
