package org.apache.kylin.rest.asyncquery.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import javax.servlet.http.HttpServletRequest;

import org.apache.kylin.rest.asyncquery.service.AsyncQueryException;
import org.apache.kylin.rest.asyncquery.vocabulary.ErrorCode;
import org.junit.jupiter.api.Test;

class RequestBodiesTest {
    /** A FAKE clock in nanoseconds that only the fake streams below move. */
    private final AtomicLong nanos = new AtomicLong();

    @Test
    void aBodyThatArrivesInTimeIsReadWholeAndMarkedRead() {
        RequestBodies bodies = new RequestBodies(1024, 30_000, 4, nanos::get);
        HttpServletRequest request = request(-1, stream("{\"sql\":\"select 1\"}".getBytes(StandardCharsets.UTF_8), 0));
        assertThat(new String(bodies.read(request, "ANALYST"), StandardCharsets.UTF_8)).isEqualTo("{\"sql\":\"select 1\"}");
        assertThat(UnreadBody.isUnread(request)).isFalse();
    }

    @Test
    void aTrickleEndsAtTheDeadlineHoweverOftenItsBytesArrive() {
        RequestBodies bodies = new RequestBodies(1 << 20, 30_000, 4, nanos::get);
        AtomicInteger reads = new AtomicInteger();
        InputStream trickle = new InputStream() {
            @Override
            public int read() {
                reads.incrementAndGet();
                nanos.addAndGet(TimeUnit.SECONDS.toNanos(1));
                return ' ';
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                buffer[offset] = (byte) read();
                return 1;
            }
        };
        HttpServletRequest request = request(1_000_000, trickle);
        AsyncQueryException refused = catchThrowableOfType(() -> bodies.read(request, "ANALYST"), AsyncQueryException.class);
        assertThat(refused.code()).isEqualTo(ErrorCode.REQUEST_TIMEOUT);
        assertThat(refused.getMessage()).contains("30 s").contains("kylin.query.async.request-body-timeout-seconds");
        assertThat(reads).hasValue(31);
        assertThat(UnreadBody.isUnread(request)).isTrue();
    }

    @Test
    void aReadThatTimesOutIsARequestTimeoutNotAMalformedRequest() {
        RequestBodies bodies = new RequestBodies(1024, 30_000, 4, nanos::get);
        InputStream silent = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new SocketTimeoutException("Read timed out");
            }
        };
        assertThat(catchThrowableOfType(() -> bodies.read(request(100, silent), "ANALYST"), AsyncQueryException.class).code())
                .isEqualTo(ErrorCode.REQUEST_TIMEOUT);
    }

    @Test
    void oneBodyMoreThanTheBoundIsRefusedAtOnceAndTheSlotIsFreedAfterwards() throws Exception {
        RequestBodies bodies = new RequestBodies(1024, 30_000, 1, nanos::get);
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        InputStream held = new InputStream() {
            private boolean sent;

            @Override
            public int read() throws IOException {
                if (sent) {
                    return -1;
                }
                reading.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                sent = true;
                return '1';
            }
        };
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<byte[]> first = thread.submit(() -> bodies.read(request(1, held), "ANALYST"));
            reading.await();
            HttpServletRequest second = request(2, stream("{}".getBytes(StandardCharsets.UTF_8), 0));
            AsyncQueryException busy = catchThrowableOfType(() -> bodies.read(second, "MODELER"), AsyncQueryException.class);
            assertThat(busy.code()).isEqualTo(ErrorCode.SERVER_BUSY);
            assertThat(busy.getMessage()).contains("kylin.query.async.max-uploads-in-flight");
            verify(second, never()).getInputStream();
            release.countDown();
            assertThat(first.get()).containsExactly('1');
            assertThat(bodies.read(request(2, stream("{}".getBytes(StandardCharsets.UTF_8), 0)), "MODELER")).hasSize(2);
        } finally {
            thread.shutdownNow();
        }
    }

    @Test
    void oneUserMaySendAQuarterOfTheBoundAtOnceAndOthersStillGetTheRest() throws Exception {
        RequestBodies bodies = new RequestBodies(1024, 30_000, 8, nanos::get);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch reading = new CountDownLatch(4);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            for (String user : new String[] {"MODELER", "MODELER", "ADMIN", "ADMIN"}) {
                threads.submit(() -> bodies.read(request(1, held(reading, release)), user));
            }
            reading.await();
            AsyncQueryException third = catchThrowableOfType(() -> bodies.read(request(2,
                    stream("{}".getBytes(StandardCharsets.UTF_8), 0)), "MODELER"), AsyncQueryException.class);
            assertThat(third.code()).isEqualTo(ErrorCode.SERVER_BUSY);
            assertThat(third.getMessage()).contains("You are already sending 2").contains("one user");
            assertThat(bodies.read(request(2, stream("{}".getBytes(StandardCharsets.UTF_8), 0)), "ANALYST"))
                    .as("another user still has slots").hasSize(2);
        } finally {
            release.countDown();
            threads.shutdown();
            assertThat(threads.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        }
        assertThat(bodies.read(request(2, stream("{}".getBytes(StandardCharsets.UTF_8), 0)), "MODELER"))
                .as("the user's slots come back").hasSize(2);
    }

    /** A body of one byte that arrives only when {@code release} opens; {@code reading} counts readers waiting. */
    private static InputStream held(CountDownLatch reading, CountDownLatch release) {
        return new InputStream() {
            private boolean sent;

            @Override
            public int read() throws IOException {
                if (sent) {
                    return -1;
                }
                reading.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                sent = true;
                return '1';
            }
        };
    }

    @Test
    void aBodyOverTheCapIsRefusedByItsDeclaredLengthUnreadOrWhileReading() throws Exception {
        RequestBodies bodies = new RequestBodies(1024, 30_000, 4, nanos::get);
        HttpServletRequest declared = request(5000, stream(new byte[5000], 0));
        assertThat(catchThrowableOfType(() -> bodies.read(declared, "ANALYST"), AsyncQueryException.class).code())
                .isEqualTo(ErrorCode.REQUEST_TOO_LARGE);
        verify(declared, never()).getInputStream();
        HttpServletRequest chunked = request(-1, stream(new byte[5000], 0));
        assertThat(catchThrowableOfType(() -> bodies.read(chunked, "ANALYST"), AsyncQueryException.class).code())
                .isEqualTo(ErrorCode.REQUEST_TOO_LARGE);
    }

    private InputStream stream(byte[] bytes, long nanosPerRead) {
        return new InputStream() {
            private int next;

            @Override
            public int read() {
                nanos.addAndGet(nanosPerRead);
                return next < bytes.length ? bytes[next++] & 0xff : -1;
            }
        };
    }

    /** A FAKE request: Mockito over the servlet API, with a working attribute map and the given body. */
    private static HttpServletRequest request(long contentLength, InputStream body) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        Map<String, Object> attributes = new HashMap<>();
        when(request.getContentLengthLong()).thenReturn(contentLength);
        when(request.getHeader("Transfer-Encoding")).thenReturn(contentLength < 0 ? "chunked" : null);
        org.mockito.Mockito.doAnswer(call -> attributes.put(call.getArgument(0), call.getArgument(1)))
                .when(request).setAttribute(org.mockito.ArgumentMatchers.anyString(), org.mockito.ArgumentMatchers.any());
        when(request.getAttribute(org.mockito.ArgumentMatchers.anyString()))
                .thenAnswer(call -> attributes.get(call.<String>getArgument(0)));
        try {
            when(request.getInputStream()).thenReturn(new ServletInputStream() {
                @Override
                public int read() throws IOException {
                    return body.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    return body.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return false;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }
            });
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return request;
    }
}
