package org.apache.kylin.rest.asyncquery.api;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.servlet.http.HttpServletRequest;

import org.apache.kylin.rest.asyncquery.config.ConfigKey;
import org.apache.kylin.rest.asyncquery.service.AsyncQueryException;
import org.apache.kylin.rest.asyncquery.vocabulary.ErrorCode;

/**
 * Reads request bodies as raw bytes, whatever their declared Content-Type, within three bounds: a size cap
 * (checked while reading, not just declared), a total deadline, and how many are read at once. A client trickling
 * a body a byte at a time defeats a socket's per-read timeout but not the deadline: it is checked after every read,
 * and a read waits at most the container's read timeout, so a body arrives within the deadline plus one read
 * timeout or is refused. One body more than the bound is refused at once, so slow uploads cannot hold every request
 * thread; and one user may send only a quarter of the bound at once, so one user's slow uploads cannot take every
 * slot from the others. Both refusals close the connection; whether the container first reads the rest of the body
 * is its own setting (see {@link UnreadBody}).
 */
final class RequestBodies {
    private final int maxBytes;
    private final long timeoutNanos;
    private final int maxInFlight;
    private final int maxPerUser;
    private final Semaphore inFlight;
    private final ConcurrentMap<String, Integer> perUser = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    RequestBodies(int maxBytes, long timeoutMillis, int maxInFlight, LongSupplier nanoTime) {
        if (maxBytes < 1 || timeoutMillis < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("maxBytes, timeoutMillis and maxInFlight must be positive");
        }
        this.maxBytes = maxBytes;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        this.maxInFlight = maxInFlight;
        this.maxPerUser = (maxInFlight + 3) / 4;
        this.inFlight = new Semaphore(maxInFlight);
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
    }

    /**
     * {@code user}'s request body; refused with REQUEST_TOO_LARGE past the cap, SERVER_BUSY when the bound of bodies
     * in flight (all users', or this user's share) is reached, REQUEST_TIMEOUT when it does not arrive in time.
     */
    byte[] read(HttpServletRequest request, String user) {
        requireNonNull(user, "user is null");
        if (request.getContentLengthLong() > maxBytes) {
            throw tooLarge();
        }
        if (!acquireFor(user)) {
            throw new AsyncQueryException(ErrorCode.SERVER_BUSY, "You are already sending " + maxPerUser
                    + " query submissions at once, the most one user may (a quarter of "
                    + ConfigKey.MAX_UPLOADS_IN_FLIGHT.key() + "); nothing was written. Try again in a few seconds.");
        }
        try {
            if (!inFlight.tryAcquire()) {
                throw new AsyncQueryException(ErrorCode.SERVER_BUSY, "The server is receiving " + maxInFlight
                        + " query submissions at once, the most it accepts (" + ConfigKey.MAX_UPLOADS_IN_FLIGHT.key()
                        + "); nothing was written. Try again in a few seconds.");
            }
            try {
                byte[] body = readBefore(request, nanoTime.getAsLong() + timeoutNanos);
                UnreadBody.markRead(request);
                return body;
            } finally {
                inFlight.release();
            }
        } finally {
            releaseFor(user);
        }
    }

    private boolean acquireFor(String user) {
        boolean[] acquired = {false};
        perUser.compute(user, (name, count) -> {
            int current = count == null ? 0 : count;
            if (current >= maxPerUser) {
                return count;
            }
            acquired[0] = true;
            return current + 1;
        });
        return acquired[0];
    }

    private void releaseFor(String user) {
        perUser.computeIfPresent(user, (name, count) -> count <= 1 ? null : count - 1);
    }

    private byte[] readBefore(HttpServletRequest request, long deadline) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (InputStream in = request.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                if (body.size() + n > maxBytes) {
                    throw tooLarge();
                }
                body.write(buffer, 0, n);
                if (nanoTime.getAsLong() - deadline > 0) {
                    throw timeout();
                }
            }
        } catch (SocketTimeoutException e) {
            throw timeout();
        } catch (IOException e) {
            if (nanoTime.getAsLong() - deadline > 0 || e.getCause() instanceof SocketTimeoutException) {
                throw timeout();
            }
            throw new AsyncQueryException(ErrorCode.INVALID_REQUEST, "The request body could not be read.", e);
        }
        return body.toByteArray();
    }

    private AsyncQueryException tooLarge() {
        return new AsyncQueryException(ErrorCode.REQUEST_TOO_LARGE, "The request body is larger than " + maxBytes
                + " bytes, the most this server accepts (" + ConfigKey.MAX_REQUEST_BYTES.key() + ").");
    }

    private AsyncQueryException timeout() {
        return new AsyncQueryException(ErrorCode.REQUEST_TIMEOUT, "The request body did not arrive within "
                + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos) + " s (" + ConfigKey.REQUEST_BODY_TIMEOUT_SECONDS.key()
                + "); nothing was written.");
    }
}
