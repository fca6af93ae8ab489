package org.apache.kylin.rest.asyncquery.security;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Lets the read-only check stop a parse that has run past its deadline. A grammar registers how its parser can be
 * stopped, or polls {@link #isCancelled}; a parser that can do neither runs to its end, abandoned.
 */
public final class ParseCancellation {
    private static final Runnable NOTHING = () -> { };

    private volatile boolean cancelled;
    private final AtomicReference<Runnable> onCancel = new AtomicReference<>(NOTHING);

    public boolean isCancelled() {
        return cancelled;
    }

    /** Registers how to stop the running parse; runs it at once if already cancelled. */
    public void onCancel(Runnable action) {
        onCancel.set(action);
        if (cancelled) {
            onCancel.getAndSet(NOTHING).run();
        }
    }

    public void cancel() {
        cancelled = true;
        onCancel.getAndSet(NOTHING).run();
    }
}
