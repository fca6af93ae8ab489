package org.apache.kylin.asyncquery.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationProvider;
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

    @Test
    void theSameLoginSentWhileItIsCheckedWaitsForThatCheckInsteadOfStartingAnother() throws Exception {
        CountDownLatch checking = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        AuthenticationProvider slow = new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                calls.incrementAndGet();
                checking.countDown();
                await(release);
                return dao.authenticate(authentication);
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return true;
            }
        };
        CachingAuthenticationProvider coalescing = new CachingAuthenticationProvider(slow, clock, Duration.ofMinutes(5),
                100);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Authentication> first = threads.submit(() -> coalescing.authenticate(login("ADMIN", "KYLIN")));
            await(checking);
            Future<Authentication> second = threads.submit(() -> coalescing.authenticate(login("ADMIN", "KYLIN")));
            Future<Throwable> wrong = threads.submit(() -> catchThrowable(
                    () -> coalescing.authenticate(login("ADMIN", "guess"))));
            release.countDown();
            assertThat(first.get().getName()).isEqualTo("ADMIN");
            assertThat(second.get().getName()).isEqualTo("ADMIN");
            assertThat(second.get().getCredentials()).isNull();
            assertThat(wrong.get()).isInstanceOf(BadCredentialsException.class);
            assertThat(calls).as("one check for the two identical logins, one for the other password").hasValue(2);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aRefusalIsSharedWithTheSameLoginSentMeanwhileAndNotRemembered() {
        assertThatThrownBy(() -> provider.authenticate(login("ADMIN", "wrong")))
                .isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> provider.authenticate(login("ADMIN", "wrong")))
                .isInstanceOf(BadCredentialsException.class);
        assertThat(passwordChecks).as("nothing is left behind: each later attempt is checked").hasValue(2);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static UsernamePasswordAuthenticationToken login(String name, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(name, password);
    }
}
