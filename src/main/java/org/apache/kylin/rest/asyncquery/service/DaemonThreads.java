package org.apache.kylin.rest.asyncquery.service;

import java.util.concurrent.ThreadFactory;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/** The service's background threads: daemons, so they never keep a JVM alive, named for thread dumps. */
final class DaemonThreads {
    private DaemonThreads() {
    }

    /** Threads named {@code prefix} and a count from 1. */
    static ThreadFactory named(String prefix) {
        CustomizableThreadFactory threads = new CustomizableThreadFactory(prefix);
        threads.setDaemon(true);
        return threads;
    }
}
