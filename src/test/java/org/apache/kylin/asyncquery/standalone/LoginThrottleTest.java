package org.apache.kylin.asyncquery.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private static final LoginThrottle.Policy USER = new LoginThrottle.Policy(5, Duration.ofSeconds(1),
            Duration.ofSeconds(30), Duration.ofMinutes(15));
    private static final LoginThrottle.Policy ADDRESS = new LoginThrottle.Policy(20, Duration.ofSeconds(1),
            Duration.ofMinutes(5), Duration.ofMinutes(15));

    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(clock, USER, ADDRESS, 1000);

    @Test
    void aFewAttemptsAreFreeThenEachAdmittedOneStartsAWaitThatDoublesUpToTheCap() {
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.admit("MODELER", "10.0.0.1")).isZero();
        }
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            assertThat(throttle.admit("MODELER", "10.0.0.1")).as("admitted once the wait is over").isZero();
            Duration wait = throttle.admit("MODELER", "10.0.0.1");
            waits.add(wait.toMillis());
            clock.advance(wait);
        }
        assertThat(waits).containsExactly(1000L, 2000L, 4000L, 8000L, 16000L, 30000L, 30000L, 30000L, 30000L);
    }

    @Test
    void refusedAttemptsAreNotCountedSoPollingDoesNotProlongTheWait() {
        fail("MODELER", 6);
        for (int i = 0; i < 100; i++) {
            assertThat(throttle.admit("MODELER", "10.0.0.1")).isPositive();
            clock.advance(Duration.ofMillis(9));
        }
        clock.advance(Duration.ofMillis(100));
        assertThat(throttle.admit("MODELER", "10.0.0.1")).isZero();
    }

    @Test
    void aSuccessLetsTheUserStartOver() {
        fail("MODELER", 5);
        throttle.succeeded("MODELER", "10.0.0.1");
        fail("MODELER", 5);
        assertThat(throttle.admit("MODELER", "10.0.0.1")).as("the sixth attempt since the success").isZero();
        assertThat(throttle.admit("MODELER", "10.0.0.1")).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void otherUsersAndAddressesAreNotHeldUpByOneUsersBackOff() {
        fail("MODELER", 6);
        assertThat(throttle.admit("MODELER", "10.0.0.2")).as("the user backs off from every address").isPositive();
        assertThat(throttle.admit("ANALYST", "10.0.0.1")).isZero();
        assertThat(throttle.admit("ANALYST", "10.0.0.2")).isZero();
    }

    @Test
    void anAddressTryingManyNamesBacksOffToo() {
        for (int i = 0; i < 21; i++) {
            assertThat(throttle.admit("guess-" + i, "10.0.0.9")).isZero();
        }
        assertThat(throttle.admit("ADMIN", "10.0.0.9")).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.admit("ADMIN", "10.0.0.1")).as("ADMIN from elsewhere").isZero();
    }

    @Test
    void successesFromAnAddressDoNotCountAgainstIt() {
        for (int i = 0; i < 50; i++) {
            throttle.admit("user-" + i, "10.0.0.7");
            throttle.succeeded("user-" + i, "10.0.0.7");
        }
        assertThat(throttle.admit("ANALYST", "10.0.0.7")).isZero();
    }

    @Test
    void countsAreForgottenAfterAQuietWhile() {
        fail("MODELER", 6);
        assertThat(throttle.admit("MODELER", "10.0.0.1")).isPositive();
        clock.advance(Duration.ofMinutes(15).plusMillis(1));
        fail("MODELER", 5);
        assertThat(throttle.admit("MODELER", "10.0.0.1")).isZero();
    }

    @Test
    void respellingTheNameOrHoppingIpv6AddressesDoesNotEscapeTheCount() {
        String[] spellings = {"modeler", "Modeler", "MODELER", "mOdElEr", "modeleR", "MODELer"};
        for (int i = 0; i < spellings.length; i++) {
            assertThat(throttle.admit(spellings[i], "10.0.3." + i)).isZero();
        }
        assertThat(throttle.admit("MoDeLeR", "10.0.4.1")).as("one user, however spelt").isPositive();

        for (int i = 0; i < 21; i++) {
            assertThat(throttle.admit("n" + i, "2001:db8:1:2:" + Integer.toHexString(i) + "::" + i)).isZero();
        }
        assertThat(throttle.admit("other", "2001:db8:1:2:ffff:ffff:ffff:ffff")).as("the same /64").isPositive();
        assertThat(throttle.admit("other", "2001:db8:1:3::1")).as("another /64").isZero();
        assertThat(LoginThrottle.addressKey("::ffff:10.1.2.3")).isEqualTo("10.1.2.3");
        assertThat(LoginThrottle.addressKey("0:0:0:0:0:0:0:1")).isEqualTo("0:0:0:0::/64");
        assertThat(LoginThrottle.addressKey("10.1.2.3")).isEqualTo("10.1.2.3");
        assertThat(LoginThrottle.addressKey("not:an:address:zz")).isEqualTo("not:an:address:zz");
    }

    @Test
    void memoryIsBoundedWhateverNamesAreTried() {
        LoginThrottle small = new LoginThrottle(clock, USER, ADDRESS, 3);
        for (int i = 0; i < 6; i++) {
            small.admit("MODELER", "10.0.0." + i);
        }
        assertThat(small.admit("MODELER", "10.0.0.100")).as("MODELER is still remembered").isPositive();
        for (int i = 0; i < 3; i++) {
            small.admit("other-" + i, "10.0.1." + i);
        }
        assertThat(small.admit("MODELER", "10.0.0.100")).as("dropped to make room: the map never grows").isZero();

        String longName = "x".repeat(LoginThrottle.MAX_KEY_CHARS);
        for (int i = 0; i < 6; i++) {
            throttle.admit(longName + i, "10.0.2." + i);
        }
        assertThat(throttle.admit(longName + "different tail", "10.0.2.99"))
                .as("names are cut to a bounded key").isPositive();
    }

    private void fail(String user, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(throttle.admit(user, "10.0.0.1")).isZero();
        }
    }

    /** A FAKE clock the test moves by hand, so no test waits for a back-off to pass. */
    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-21T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
