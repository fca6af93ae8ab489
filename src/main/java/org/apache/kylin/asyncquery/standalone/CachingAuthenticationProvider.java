package org.apache.kylin.asyncquery.standalone;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Remembers successful logins for a short while, so a client that sends HTTP Basic on every request (as Kylin
 * clients do) pays for the bcrypt check once, not on every status poll: bcrypt takes tens of milliseconds of CPU
 * by design. Only successes are remembered, so a wrong password always goes through bcrypt. The same name and
 * password sent again while their check is under way wait for its outcome instead of starting another: a client's
 * burst of parallel first requests costs one check, and counts as one attempt for the back-off behind this cache.
 *
 * <p>Entries are keyed by an HMAC of name and password under a key made at start-up and held only in memory, so
 * the cache never holds a password or a digest that could be checked offline.
 */
final class CachingAuthenticationProvider implements AuthenticationProvider {
    static final Duration DEFAULT_TIME_TO_LIVE = Duration.ofMinutes(5);
    static final int DEFAULT_MAX_ENTRIES = 10_000;
    private static final String HMAC = "HmacSHA256";

    private final AuthenticationProvider delegate;
    private final Clock clock;
    private final long timeToLiveMillis;
    private final int maxEntries;
    private final SecretKeySpec key;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();
    /** Checks under way; the same name and password sent again meanwhile waits for that check's outcome. */
    private final Map<String, CompletableFuture<Authentication>> checking = new ConcurrentHashMap<>();

    CachingAuthenticationProvider(AuthenticationProvider delegate, Clock clock, Duration timeToLive, int maxEntries) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.timeToLiveMillis = timeToLive.toMillis();
        this.maxEntries = maxEntries;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, HMAC);
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        if (!(authentication.getCredentials() instanceof String)) {
            return delegate.authenticate(authentication);
        }
        String cacheKey = cacheKey(authentication.getName(), (String) authentication.getCredentials());
        long now = clock.millis();
        Remembered hit = remembered.get(cacheKey);
        if (hit != null && hit.expiresAt > now) {
            return hit.authentication;
        }
        CompletableFuture<Authentication> mine = new CompletableFuture<>();
        CompletableFuture<Authentication> running = checking.putIfAbsent(cacheKey, mine);
        if (running != null) {
            return outcomeOf(running);
        }
        try {
            Authentication result = delegate.authenticate(authentication);
            if (result != null && result.isAuthenticated()) {
                if (remembered.size() >= maxEntries) {
                    // A flood of distinct logins; starting over is simpler than an LRU and costs one bcrypt each.
                    remembered.clear();
                }
                Authentication copy = withoutCredentials(result);
                remembered.put(cacheKey, new Remembered(copy, now + timeToLiveMillis));
                mine.complete(copy);
            } else {
                mine.complete(result);
            }
            return result;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            checking.remove(cacheKey, mine);
        }
    }

    /** The outcome of the same check made by another request: its result, or the same refusal. */
    private static Authentication outcomeOf(CompletableFuture<Authentication> running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return delegate.supports(authentication);
    }

    private String cacheKey(String name, String password) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            mac.update(name.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Base64.getEncoder().encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /** The remembered copy holds no password, whatever the delegate returned. */
    private static Authentication withoutCredentials(Authentication result) {
        UsernamePasswordAuthenticationToken copy = UsernamePasswordAuthenticationToken.authenticated(
                result.getPrincipal(), null, result.getAuthorities());
        copy.setDetails(result.getDetails());
        return copy;
    }

    private static final class Remembered {
        final Authentication authentication;
        final long expiresAt;

        Remembered(Authentication authentication, long expiresAt) {
            this.authentication = authentication;
            this.expiresAt = expiresAt;
        }
    }
}
