package org.apache.kylin.asyncquery.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

class CachingAuthenticationProviderTest {
    private final AtomicInteger passwordChecks = new AtomicInteger();
    private Instant now = Instant.parse("2026-11-21T10:00:00Z");
    private DaoAuthenticationProvider dao;
    private Clock clock;
    private CachingAuthenticationProvider provider;

    @BeforeEach
    void setUp() {
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4) {
            @Override
            public boolean matches(CharSequence raw, String encoded) {
                passwordChecks.incrementAndGet();
                return super.matches(raw, encoded);
            }
        };
        dao = new DaoAuthenticationProvider();
        dao.setPasswordEncoder(bcrypt);
        dao.setUserDetailsService(new InMemoryUserDetailsManager(
                User.withUsername("ADMIN").password(bcrypt.encode("KYLIN")).roles("ADMIN").build(),
                User.withUsername("ANALYST").password(bcrypt.encode("ANALYST")).roles("ANALYST").build()));
        passwordChecks.set(0);
        clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        provider = new CachingAuthenticationProvider(dao, clock, Duration.ofMinutes(5), 100);
    }

    @Test
    void aRepeatedLoginSkipsThePasswordCheckAndKeepsTheAuthorities() {
        Authentication first = provider.authenticate(login("ADMIN", "KYLIN"));
        Authentication second = provider.authenticate(login("ADMIN", "KYLIN"));

        assertThat(passwordChecks).hasValue(1);
        assertThat(second.isAuthenticated()).isTrue();
        assertThat(second.getName()).isEqualTo("ADMIN");
        assertThat(second.getAuthorities()).isEqualTo(first.getAuthorities());
        assertThat(second.getCredentials()).as("no password is remembered").isNull();
    }

    @Test
    void aWrongPasswordIsCheckedEveryTimeAndNeverRemembered() {
        provider.authenticate(login("ADMIN", "KYLIN"));
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> provider.authenticate(login("ADMIN", "KYLIN2")))
                    .isInstanceOf(BadCredentialsException.class);
        }
        assertThat(passwordChecks).hasValue(3);
    }

    @Test
    void aRememberedLoginExpires() {
        provider.authenticate(login("ADMIN", "KYLIN"));
        now = now.plus(Duration.ofMinutes(5)).plusMillis(1);
        provider.authenticate(login("ADMIN", "KYLIN"));
        assertThat(passwordChecks).hasValue(2);
    }

    @Test
    void aFullCacheStartsOverInsteadOfGrowing() {
        CachingAuthenticationProvider oneEntry = new CachingAuthenticationProvider(dao, clock, Duration.ofMinutes(5), 1);
        oneEntry.authenticate(login("ADMIN", "KYLIN"));
        oneEntry.authenticate(login("ANALYST", "ANALYST"));
        oneEntry.authenticate(login("ANALYST", "ANALYST"));
        oneEntry.authenticate(login("ADMIN", "KYLIN"));
        assertThat(passwordChecks).as("ADMIN was dropped to make room for ANALYST").hasValue(3);
    }

    @Test
    void differentUsersAreRememberedApart() {
        provider.authenticate(login("ADMIN", "KYLIN"));
        Authentication analyst = provider.authenticate(login("ANALYST", "ANALYST"));
        assertThat(analyst.getName()).isEqualTo("ANALYST");
        assertThatThrownBy(() -> provider.authenticate(login("ANALYST", "KYLIN")))
                .isInstanceOf(BadCredentialsException.class);
        assertThat(passwordChecks).hasValue(3);
    }

    private static UsernamePasswordAuthenticationToken login(String name, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(name, password);
    }
}
