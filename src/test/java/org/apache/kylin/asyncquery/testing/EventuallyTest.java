package org.apache.kylin.asyncquery.testing;

import static org.apache.kylin.asyncquery.testing.Eventually.assertEventually;
import static org.apache.kylin.asyncquery.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The waiting helper: it returns what it waited for, retries failures, and says what it last saw when it gives up. */
class EventuallyTest {
    @Test
    void returnsTheFirstValueThatIsDoneAndRetriesReadsThatFail() {
        AtomicInteger reads = new AtomicInteger();
        int value = await("the third read", () -> {
            int n = reads.incrementAndGet();
            if (n == 1) {
                throw new IOException("not yet");
            }
            return n;
        }, n -> n >= 3);
        assertThat(value).isEqualTo(3);
    }

    @Test
    void givingUpNamesWhatWasAwaitedAndTheLastValueSeen() {
        // A zero limit: one look, then the failure, without waiting.
        assertThatThrownBy(() -> await(Duration.ZERO, "the status to leave RUNNING", () -> "RUNNING",
                "SUCCESSFUL"::equals)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("the status to leave RUNNING").hasMessageContaining("last seen: RUNNING");
    }

    @Test
    void anUnexpectedValueEndsTheWaitAtOnce() {
        AtomicInteger reads = new AtomicInteger();
        assertThatThrownBy(() -> await("a 200", () -> reads.incrementAndGet() == 1 ? 429 : 500, status -> {
            assertThat(status).isIn(200, 429);
            return status == 200;
        })).isInstanceOf(AssertionError.class).hasMessageContaining("500");
        assertThat(reads).hasValue(2);
    }

    @Test
    void givingUpOnACheckCarriesItsLastFailure() {
        AtomicInteger tries = new AtomicInteger();
        assertEventually(() -> assertThat(tries.incrementAndGet()).isEqualTo(2));

        assertThatThrownBy(() -> assertEventually(Duration.ZERO, () -> assertThat("MISSING").isEqualTo("RUNNING")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("MISSING")
                .hasCauseInstanceOf(AssertionError.class);
    }
}
