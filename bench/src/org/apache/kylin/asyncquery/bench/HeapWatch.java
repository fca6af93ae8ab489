package org.apache.kylin.asyncquery.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * This JVM's memory during one phase (an export): the peak heap in use, as the sum of the heap pools' own peaks
 * (reset when the phase starts; the JVM records a pool's peak at each collection, so eden's peak is its fill just
 * before one, garbage included: an upper bound); the peak heap in use right after a collection (what survived: the
 * live set, plus old garbage not yet collected); and the peak resident set size, sampled every 100 ms.
 */
final class HeapWatch implements AutoCloseable {
    private final List<MemoryPoolMXBean> heapPools;
    private final Thread rssSampler;
    private volatile boolean running = true;
    private volatile long peakAfterGcBytes;
    private volatile long peakRssBytes;
    private volatile int collections;

    HeapWatch() {
        heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).collect(java.util.stream.Collectors.toList());
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    return;
                }
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
                        .from((CompositeData) notification.getUserData());
                long after = 0;
                for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (isHeapPool(pool.getKey())) {
                        after += pool.getValue().getUsed();
                    }
                }
                synchronized (this) {
                    peakAfterGcBytes = Math.max(peakAfterGcBytes, after);
                    collections++;
                }
            }, null, null);
        }
        rssSampler = new Thread(this::sampleRss, "rss-sampler");
        rssSampler.setDaemon(true);
        rssSampler.start();
    }

    private boolean isHeapPool(String name) {
        return heapPools.stream().anyMatch(pool -> pool.getName().equals(name));
    }

    /** Starts a phase: the peaks from here on. */
    synchronized void reset() {
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        peakAfterGcBytes = 0;
        peakRssBytes = 0;
        collections = 0;
    }

    long peakHeapBytes() {
        return heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }

    long peakAfterGcBytes() {
        return peakAfterGcBytes;
    }

    long peakRssBytes() {
        return peakRssBytes;
    }

    int collections() {
        return collections;
    }

    long maxHeapBytes() {
        return Runtime.getRuntime().maxMemory();
    }

    private void sampleRss() {
        while (running) {
            try {
                for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        peakRssBytes = Math.max(peakRssBytes, Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
                    }
                }
                Thread.sleep(100);
            } catch (IOException | InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        rssSampler.interrupt();
    }
}
