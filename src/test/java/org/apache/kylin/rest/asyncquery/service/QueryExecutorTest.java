package org.apache.kylin.rest.asyncquery.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kylin.rest.asyncquery.store.QueryId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QueryExecutorTest {
    private final QueryExecutor executor = new QueryExecutor(1, 1);

    @AfterEach
    void close() {
        executor.close();
    }

    @Test
    void admitsThreadsPlusQueueAndRefusesTheRest() {
        executor.admit(QueryId.random());
        executor.admit(QueryId.random());
        assertThatThrownBy(() -> executor.admit(QueryId.random())).isInstanceOf(AsyncQueryException.class)
                .extracting(e -> ((AsyncQueryException) e).code()).isEqualTo(ErrorCode.QUEUE_FULL);
    }

    @Test
    void aReleasedOrFinishedPlaceCanBeReused() throws Exception {
        executor.admit(QueryId.random()).release();
        CountDownLatch ran = new CountDownLatch(1);
        QueryId id = QueryId.random();
        executor.admit(id).start(token -> ran.countDown());
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (executor.isActive(id) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        executor.admit(QueryId.random());
        executor.admit(QueryId.random());
    }

    @Test
    void cancelSignalsTheTokenAndWaitsForTheTaskToEnd() throws Exception {
        QueryId id = QueryId.random();
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean sawCancel = new AtomicBoolean();
        executor.admit(id).start(token -> {
            started.countDown();
            while (!token.isCancelled()) {
                Thread.onSpinWait();
            }
            sawCancel.set(true);
        });
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(executor.isActive(id)).isTrue();

        assertThat(executor.cancel(id, 5000)).isTrue();

        assertThat(sawCancel).isTrue();
        assertThat(executor.cancel(QueryId.random(), 10)).isFalse();
    }

    @Test
    void cancellingAQueuedQueryDropsItAtOnceAndFreesItsPlace() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        executor.admit(QueryId.random()).start(token -> awaitQuietly(release));
        QueryId queued = QueryId.random();
        AtomicBoolean queuedRan = new AtomicBoolean();
        executor.admit(queued).start(token -> queuedRan.set(true));

        long started = System.nanoTime();
        assertThat(executor.cancel(queued, 10_000)).isTrue();
        assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(5));
        assertThat(executor.isActive(queued)).isFalse();
        executor.admit(QueryId.random());

        release.countDown();
        Thread.sleep(100);
        assertThat(queuedRan).isFalse();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void anAdmissionIsUsedOnce() {
        QueryExecutor.Admission admission = executor.admit(QueryId.random());
        admission.release();
        assertThatThrownBy(admission::release).isInstanceOf(IllegalStateException.class);
    }
}
