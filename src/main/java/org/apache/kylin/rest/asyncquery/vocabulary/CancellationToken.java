package org.apache.kylin.rest.asyncquery.vocabulary;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Lets one thread stop a query another thread is running. The engine registers how to interrupt its work
 * (for JDBC, {@code Statement.cancel()}); {@link #cancel} runs it at most once.
 */
public final class CancellationToken {
    private static final Runnable NOTHING = () -> { };

    private volatile boolean cancelled;
    private final AtomicReference<Runnable> onCancel = new AtomicReference<>(NOTHING);

    public boolean isCancelled() {
        return cancelled;
    }

    /** Registers the action that interrupts the running work; runs it at once if already cancelled. */
    public void onCancel(Runnable action) {
        onCancel.set(action);
        if (cancelled) {
            runOnce();
        }
    }

    public void cancel() {
        cancelled = true;
        runOnce();
    }

    private void runOnce() {
        Runnable action = onCancel.getAndSet(NOTHING);
        action.run();
    }
}
