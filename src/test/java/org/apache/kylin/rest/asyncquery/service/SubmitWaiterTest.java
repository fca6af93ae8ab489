package org.apache.kylin.rest.asyncquery.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The submit's wait for a query running elsewhere (polled), with FAKE status readers that answer what each test
 * scripts; the waits with queries running on a real server are in SubmitWaitE2ETest.
 */
class SubmitWaiterTest {
    private static final long AN_HOUR = 3_600_000;

    private final QueryExecutor executor = new QueryExecutor(1, 0, 1);
    private final QueryId id = QueryId.random();
    private final QueryState running = QueryState.running(id);
    private final QueryState successful = new QueryState(id.toString(), QueryStatus.SUCCESSFUL,
            QueryState.SUCCESSFUL_INFO, 1L, 2L);

    @AfterEach
    void tearDown() {
        executor.close();
    }

    @Test
    void aFinishedAnswerOrNoWaitIsAnsweredAtOnceWithoutReading() {
        SubmitWaiter waiter = new SubmitWaiter(executor, 4);
        Supplier<QueryState> unread = () -> {
            throw new AssertionError("read");
        };
        assertThat(waiter.await(successful, AN_HOUR, unread)).isSameAs(successful);
        assertThat(waiter.await(running, 0, unread)).isSameAs(running);
        assertThat(new SubmitWaiter(executor, 0).await(running, AN_HOUR, unread)).isSameAs(running);
    }

    @Test
    void aWaitEndsWhenTheQueryHasFinished() {
        AtomicInteger reads = new AtomicInteger();
        QueryState answer = new SubmitWaiter(executor, 4).await(running, AN_HOUR,
                () -> reads.incrementAndGet() < 3 ? running : successful);
        assertThat(answer).isSameAs(successful);
        assertThat(reads).hasValue(3);
    }

    @Test
    void whenTheTimeIsUpTheWaitAnswersTheCurrentState() {
        QueryState answer = new SubmitWaiter(executor, 4).await(running, 300, () -> running);
        assertThat(answer.status()).isEqualTo(QueryStatus.RUNNING);
    }

    @Test
    void pastTheBoundASubmitAnswersAtOnceAndClosingEndsEveryWait() throws Exception {
        SubmitWaiter waiter = new SubmitWaiter(executor, 1);
        CountDownLatch holding = new CountDownLatch(1);
        CompletableFuture<QueryState> held = CompletableFuture.supplyAsync(() -> waiter.await(running, AN_HOUR,
                () -> {
                    holding.countDown();
                    return running;
                }));
        holding.await();

        assertThat(waiter.await(running, AN_HOUR, () -> {
            throw new AssertionError("a submit past the bound must not wait");
        })).isSameAs(running);

        waiter.close();
        assertThat(held.join().status()).isEqualTo(QueryStatus.RUNNING);
        assertThat(waiter.await(running, AN_HOUR, () -> successful)).isSameAs(running);
    }
}
