package org.apache.kylin.asyncquery.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/** This process's CPU time (every thread, native ones included), to tell a CPU-bound run from a waiting one. */
final class CpuTime {
    private CpuTime() {
    }

    static long process() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static void log(String what, double wallSeconds, long cpuNanos) {
        System.out.printf(Locale.ROOT, "  %-28s %6.2f s wall, %6.2f s CPU (%.2f cores)%n", what, wallSeconds,
                cpuNanos / 1e9, cpuNanos / 1e9 / wallSeconds);
    }
}
