package org.apache.kylin.asyncquery.e2e;

import java.time.Duration;

/** Waits for a condition instead of for a time: retries an assertion until it holds or a generous limit passes. */
final class Eventually {
    private Eventually() {
    }

    /** Retries {@code assertion} every 50 ms until it passes; past {@code limit}, fails with its last failure. */
    static void assertEventually(Duration limit, Runnable assertion) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError | RuntimeException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw e;
                }
            }
            ApiClient.sleep(50);
        }
    }
}
