package org.apache.kylin.rest.asyncquery.service;

import java.util.concurrent.ThreadFactory;

/**
 * Export threads that yield the CPU to request threads: each lowers its own nice before its first task, and every
 * thread it starts (a result's writer thread, an HDFS stream's, an embedded engine's) inherits that. On two cores
 * with four exports running, a status request then waits for a CPU for microseconds instead of a time slice.
 */
public final class LowPriorityThreads implements ThreadFactory {
    private final ThreadFactory threads;
    private final int nice;

    /** @param nice how much higher than the server's own the threads' nice is; 0 leaves it alone */
    public LowPriorityThreads(String namePrefix, int nice) {
        if (nice < 0) {
            throw new IllegalArgumentException("nice must not be negative");
        }
        this.threads = DaemonThreads.named(namePrefix);
        this.nice = nice;
    }

    @Override
    public Thread newThread(Runnable task) {
        if (nice == 0) {
            return threads.newThread(task);
        }
        return threads.newThread(() -> {
            ThreadNice.lowerCurrentThread(nice);
            task.run();
        });
    }
}
