package org.apache.kylin.asyncquery.standalone;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Backs off password guessing, per user name and per client address: a few attempts pass freely; past them each
 * attempt admitted for a check starts a wait, doubling each time up to a cap, during which further attempts are
 * refused without a check (so without bcrypt's cost). An attempt is counted when admitted, so that many guesses
 * sent at once cannot all slip in before the first is known to be wrong; a success clears the user's count and
 * takes its own attempt off the address's. Counts are forgotten after a quiet while.
 *
 * <p>The caps keep an attacker from locking a real user out for long: once guessing stops, the user waits at most
 * the user cap. User names are counted case-insensitively and IPv6 clients by their /64 network, so neither respelling
 * a name nor hopping addresses escapes the count. Each map holds at most {@code maxEntries} keys (the least recently
 * used are dropped) and each key at most {@value #MAX_KEY_CHARS} characters, so memory stays bounded whatever names
 * are tried.
 */
final class LoginThrottle {
    static final int MAX_KEY_CHARS = 256;
    /** Five attempts free, then 1 s doubling to 30 s: short enough that a real user is never shut out for long. */
    static final Policy PER_USER = new Policy(5, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(15));
    /** Twenty attempts free (several users may share an address), then 1 s doubling to 5 minutes. */
    static final Policy PER_ADDRESS = new Policy(20, Duration.ofSeconds(1), Duration.ofMinutes(5),
            Duration.ofMinutes(15));
    static final int MAX_ENTRIES = 10_000;

    private final Clock clock;
    private final Policy userPolicy;
    private final Policy addressPolicy;
    private final Map<String, Counter> users;
    private final Map<String, Counter> addresses;

    LoginThrottle(Clock clock, Policy userPolicy, Policy addressPolicy, int maxEntries) {
        this.clock = requireNonNull(clock, "clock is null");
        this.userPolicy = requireNonNull(userPolicy, "userPolicy is null");
        this.addressPolicy = requireNonNull(addressPolicy, "addressPolicy is null");
        this.users = bounded(maxEntries);
        this.addresses = bounded(maxEntries);
    }

    /** The standalone server's throttle. */
    static LoginThrottle standard(Clock clock) {
        return new LoginThrottle(clock, PER_USER, PER_ADDRESS, MAX_ENTRIES);
    }

    /** Zero when the attempt may be checked now (and it is counted), or how long it must wait. */
    synchronized Duration admit(String user, String address) {
        long now = clock.millis();
        Counter byUser = counter(users, userKey(user), userPolicy, now);
        Counter byAddress = counter(addresses, addressKey(address), addressPolicy, now);
        long wait = Math.max(byUser.blockedUntil, byAddress.blockedUntil) - now;
        if (wait > 0) {
            return Duration.ofMillis(wait);
        }
        byUser.count(now, userPolicy);
        byAddress.count(now, addressPolicy);
        return Duration.ZERO;
    }

    /** The admitted attempt was right: the user starts over, and the address is not charged for it. */
    synchronized void succeeded(String user, String address) {
        users.remove(userKey(user));
        Counter byAddress = addresses.get(addressKey(address));
        if (byAddress != null && byAddress.attempts > 0) {
            byAddress.attempts--;
        }
    }

    private static Counter counter(Map<String, Counter> counters, String key, Policy policy, long now) {
        Counter counter = counters.get(key);
        if (counter == null || now - counter.lastAttempt > policy.forgetAfterMillis) {
            counter = new Counter();
            counters.put(key, counter);
        }
        return counter;
    }

    /** User names match case-insensitively (as the user store does), so "admin" and "Admin" count as one. */
    static String userKey(String user) {
        return bounded(user == null ? "" : user.toLowerCase(Locale.ROOT));
    }

    /** An IPv6 client is counted by its /64 network: one host can take any number of addresses within it. */
    static String addressKey(String address) {
        if (address != null && address.indexOf(':') >= 0 && address.matches("[0-9A-Fa-f:.]+(%[\\w.-]+)?")) {
            try {
                byte[] bytes = InetAddress.getByName(address).getAddress();
                if (bytes.length == 16) {
                    StringBuilder prefix = new StringBuilder();
                    for (int i = 0; i < 8; i += 2) {
                        int group = ((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff);
                        prefix.append(Integer.toHexString(group)).append(':');
                    }
                    return prefix.append(":/64").toString();
                }
                return InetAddress.getByAddress(bytes).getHostAddress();
            } catch (UnknownHostException e) {
                // not a literal address after all; counted as written
            }
        }
        return bounded(address == null ? "" : address);
    }

    private static String bounded(String key) {
        return key.length() > MAX_KEY_CHARS ? key.substring(0, MAX_KEY_CHARS) : key;
    }

    private static Map<String, Counter> bounded(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        return new LinkedHashMap<String, Counter>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Counter> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** How one kind of key backs off: free attempts, then a first wait doubling up to a cap; forgotten when quiet. */
    static final class Policy {
        private final int freeAttempts;
        private final long firstWaitMillis;
        private final long maxWaitMillis;
        private final long forgetAfterMillis;

        Policy(int freeAttempts, Duration firstWait, Duration maxWait, Duration forgetAfter) {
            if (freeAttempts < 0 || firstWait.isNegative() || firstWait.isZero() || maxWait.compareTo(firstWait) < 0
                    || forgetAfter.compareTo(maxWait) < 0) {
                throw new IllegalArgumentException(
                        "need freeAttempts >= 0 and 0 < firstWait <= maxWait <= forgetAfter");
            }
            this.freeAttempts = freeAttempts;
            this.firstWaitMillis = firstWait.toMillis();
            this.maxWaitMillis = maxWait.toMillis();
            this.forgetAfterMillis = forgetAfter.toMillis();
        }

        long waitAfter(int attempts) {
            int over = attempts - freeAttempts;
            if (over <= 0) {
                return 0;
            }
            int doublings = Math.min(over - 1, 30);
            return Math.min(maxWaitMillis, firstWaitMillis << doublings);
        }
    }

    private static final class Counter {
        int attempts;
        long lastAttempt;
        long blockedUntil;

        void count(long now, Policy policy) {
            attempts++;
            lastAttempt = now;
            long wait = policy.waitAfter(attempts);
            if (wait > 0) {
                blockedUntil = now + wait;
            }
        }
    }
}
