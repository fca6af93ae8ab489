package org.apache.kylin.rest.asyncquery.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real threads and the real renice: Linux only, where nice is per thread. */
class LowPriorityThreadsTest {
    private int serverNice;

    @BeforeEach
    void onLinux() {
        OptionalInt nice = ThreadNice.current();
        assumeTrue(nice.isPresent(), "threads have no readable nice value here");
        serverNice = nice.getAsInt();
        assumeTrue(serverNice <= 10, "the test JVM already runs at a low priority");
    }

    @Test
    void aThreadLowersItsOwnNiceBeforeItsTaskAndTheThreadsItStartsInheritIt() throws Exception {
        ThreadFactory factory = new LowPriorityThreads("low-", 5);
        CompletableFuture<int[]> seen = new CompletableFuture<>();
        Thread thread = factory.newThread(() -> {
            AtomicReference<OptionalInt> child = new AtomicReference<>();
            Thread started = new Thread(() -> child.set(ThreadNice.current()));
            started.start();
            try {
                started.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            seen.complete(new int[] {ThreadNice.current().getAsInt(), child.get().getAsInt()});
        });
        assertThat(thread.getName()).startsWith("low-");
        assertThat(thread.isDaemon()).isTrue();
        thread.start();
        assertThat(seen.get()).containsExactly(serverNice + 5, serverNice + 5);
        assertThat(ThreadNice.current()).hasValue(serverNice);
    }

    @Test
    void zeroLeavesThePriorityAloneAndNiceStopsAtNineteen() throws Exception {
        CompletableFuture<Integer> same = new CompletableFuture<>();
        new LowPriorityThreads("same-", 0).newThread(() -> same.complete(ThreadNice.current().getAsInt())).start();
        assertThat(same.get()).isEqualTo(serverNice);
        CompletableFuture<Integer> lowest = new CompletableFuture<>();
        new LowPriorityThreads("lowest-", 40).newThread(() -> lowest.complete(ThreadNice.current().getAsInt()))
                .start();
        assertThat(lowest.get()).isEqualTo(19);
    }
}
