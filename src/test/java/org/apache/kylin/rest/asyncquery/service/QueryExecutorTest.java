package org.apache.kylin.rest.asyncquery.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kylin.rest.asyncquery.metrics.AsyncQueryMetrics;
import org.apache.kylin.rest.asyncquery.vocabulary.ErrorCode;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QueryExecutorTest {
    private final QueryExecutor executor = new QueryExecutor(1, 1, 3);

    @AfterEach
    void close() {
        executor.close();
    }

    @Test
    void admitsThreadsPlusQueueAndRefusesTheRest() {
        executor.admit(QueryId.random(), "u");
        executor.admit(QueryId.random(), "u");
        assertThatThrownBy(() -> executor.admit(QueryId.random(), "u")).isInstanceOf(AsyncQueryException.class)
                .extracting(e -> ((AsyncQueryException) e).code()).isEqualTo(ErrorCode.QUEUE_FULL);
    }

    @Test
    void aReleasedOrFinishedPlaceCanBeReused() throws Exception {
        executor.admit(QueryId.random(), "u").release();
        CountDownLatch ran = new CountDownLatch(1);
        QueryId id = QueryId.random();
        executor.admit(id, "u").start(token -> ran.countDown());
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(executor.awaitStopped(id, 30_000)).isTrue();
        executor.admit(QueryId.random(), "u");
        executor.admit(QueryId.random(), "u");
    }

    @Test
    void cancelSignalsTheTokenAndWaitsForTheTaskToEnd() throws Exception {
        QueryId id = QueryId.random();
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean sawCancel = new AtomicBoolean();
        executor.admit(id, "u").start(token -> {
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
        executor.admit(QueryId.random(), "u").start(token -> awaitQuietly(release));
        QueryId queued = QueryId.random();
        AtomicBoolean queuedRan = new AtomicBoolean();
        executor.admit(queued, "u").start(token -> queuedRan.set(true));

        assertThat(executor.cancel(queued, 10_000)).isTrue();
        // Dropped at once: gone and its place free while the first query still holds the only thread.
        assertThat(executor.isActive(queued)).isFalse();
        QueryId later = QueryId.random();
        CountDownLatch laterRan = new CountDownLatch(1);
        executor.admit(later, "u").start(token -> laterRan.countDown());

        release.countDown();
        // The queue is first come, first served: had the dropped query stayed, it would have run before this one.
        assertThat(laterRan.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(executor.awaitStopped(later, 30_000)).isTrue();
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
    void aUserMayHoldOnlyTheirShareOfPlaces() throws Exception {
        QueryExecutor roomy = new QueryExecutor(4, 4, 1);
        try {
            roomy.admit(QueryId.random(), "alice");
            assertThatThrownBy(() -> roomy.admit(QueryId.random(), "alice"))
                    .extracting(e -> ((AsyncQueryException) e).code()).isEqualTo(ErrorCode.USER_LIMIT);
            roomy.admit(QueryId.random(), "bob").release();
            QueryId alicesNext = QueryId.random();
            roomy.admit(QueryId.random(), "bob").start(token -> { });
            assertThatThrownBy(() -> roomy.admit(alicesNext, "alice")).isInstanceOf(AsyncQueryException.class);
        } finally {
            roomy.close();
        }
    }

    /**
     * The heartbeat stops a running query whose folder is gone; an admitted query's folder is written only after
     * admission, so until it is handed its work it must not be among the queries checked (else it is "stopped"
     * before it starts).
     */
    @Test
    void anAdmittedQueryIsCheckedByTheHeartbeatOnlyOnceItIsHandedItsWork() throws Exception {
        QueryId id = QueryId.random();
        QueryExecutor.Admission admission = executor.admit(id, "ANALYST");
        assertThat(executor.isActive(id)).isTrue();
        assertThat(executor.activeQueries()).isEmpty();
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        admission.start(token -> {
            running.countDown();
            awaitQuietly(release);
        });
        assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(executor.activeQueries()).containsExactly(id);
        release.countDown();
        assertThat(executor.awaitStopped(id, 30_000)).isTrue();
        assertThat(executor.activeQueries()).isEmpty();
    }

    @Test
    void anAdmissionIsUsedOnce() {
        QueryExecutor.Admission admission = executor.admit(QueryId.random(), "u");
        admission.release();
        assertThatThrownBy(admission::release).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aQueryThatIgnoresItsCancelKeepsItsPlaceAndIsStoppingUntilItsWorkReturns() throws Exception {
        QueryId stuck = QueryId.random();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // FAKE engine stuck where no cancel reaches (like a regex deep inside an engine).
        executor.admit(stuck, "u").start(token -> {
            started.countDown();
            awaitQuietly(release);
        });
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(executor.isStopping(stuck)).isFalse();

        assertThat(executor.cancel(stuck, 50)).isTrue();

        assertThat(executor.isStopping(stuck)).isTrue();
        assertThat(executor.isActive(stuck)).isTrue();
        executor.admit(QueryId.random(), "u");
        assertThatThrownBy(() -> executor.admit(QueryId.random(), "u"))
                .extracting(e -> ((AsyncQueryException) e).code()).isEqualTo(ErrorCode.QUEUE_FULL);
        release.countDown();
        assertThat(executor.awaitStopped(stuck, 5000)).isTrue();
        assertThat(executor.isStopping(stuck)).isFalse();
    }

    @Test
    void aQueryPastTheRunTimeLimitIsReportedThenCancelled() throws Exception {
        java.util.List<QueryId> overran = new java.util.concurrent.CopyOnWriteArrayList<>();
        QueryExecutor limited = new QueryExecutor(1, 0, 1, 1, 100, overran::add, AsyncQueryMetrics.none(),
                DaemonThreads.named("limited-"));
        try {
            QueryId id = QueryId.random();
            AtomicBoolean reportedBeforeCancel = new AtomicBoolean();
            limited.admit(id, "u").start(token -> {
                while (!token.isCancelled()) {
                    Thread.onSpinWait();
                }
                reportedBeforeCancel.set(overran.contains(id));
            });
            assertThat(limited.awaitStopped(id, 10_000)).isTrue();
            assertThat(overran).containsExactly(id);
            assertThat(reportedBeforeCancel).isTrue();

            QueryId quick = QueryId.random();
            limited.admit(quick, "u").start(token -> { });
            assertThat(limited.awaitStopped(quick, 10_000)).isTrue();
            assertThat(overran).containsExactly(id);
        } finally {
            limited.close();
        }
    }

    @Test
    void eachUserRunsAtMostTheirShareAndWaitingUsersTakeTurns() throws Exception {
        QueryExecutor shared = new QueryExecutor(2, 10, 10, 1, 0, id -> { }, AsyncQueryMetrics.none(),
                DaemonThreads.named("shared-"));
        CountDownLatch release = new CountDownLatch(1);
        java.util.List<String> startOrder = new java.util.concurrent.CopyOnWriteArrayList<>();
        try {
            QueryId alicesFirst = QueryId.random();
            shared.admit(alicesFirst, "alice").start(token -> {
                startOrder.add("a1");
                awaitQuietly(release);
            });
            QueryId alicesSecond = QueryId.random();
            shared.admit(alicesSecond, "alice").start(token -> startOrder.add("a2"));
            QueryId alicesThird = QueryId.random();
            shared.admit(alicesThird, "alice").start(token -> startOrder.add("a3"));
            QueryId bobs = QueryId.random();
            shared.admit(bobs, "bob").start(token -> startOrder.add("b1"));

            // alice holds one of two threads; her others wait while bob's starts on the free one.
            assertThat(shared.awaitStopped(bobs, 10_000)).isTrue();
            assertThat(shared.queuePosition(alicesSecond)).contains(1);
            assertThat(shared.queuePosition(alicesThird)).contains(2);
            assertThat(startOrder).containsExactlyInAnyOrder("a1", "b1");

            release.countDown();
            assertThat(shared.awaitStopped(alicesThird, 10_000)).isTrue();
            assertThat(startOrder.subList(2, 4)).containsExactly("a2", "a3");
        } finally {
            release.countDown();
            shared.close();
        }
    }
}
