package org.apache.kylin.asyncquery.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
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
 * This JVM's memory during one phase (an export): the peak heap in use, the most of the heap in use at any one
 * moment (at each collection, just before it, when the heap is fullest, garbage included: all heap pools at the
 * same moment, as the collection notification reports them; and sampled every 20 ms between collections); the
 * peak heap in use right after a collection (what survived: the live set, plus old garbage not yet collected);
 * and the peak resident set size, sampled every 100 ms.
 */
final class HeapWatch implements AutoCloseable {
    private final List<MemoryPoolMXBean> heapPools;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Thread rssSampler;
    private final Thread heapSampler;
    private volatile boolean running = true;
    private volatile long peakHeapBytes;
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
                long before = heapUsed(info.getGcInfo().getMemoryUsageBeforeGc());
                long after = heapUsed(info.getGcInfo().getMemoryUsageAfterGc());
                synchronized (this) {
                    peakHeapBytes = Math.max(peakHeapBytes, before);
                    peakAfterGcBytes = Math.max(peakAfterGcBytes, after);
                    collections++;
                }
            }, null, null);
        }
        rssSampler = new Thread(this::sampleRss, "rss-sampler");
        rssSampler.setDaemon(true);
        rssSampler.start();
        heapSampler = new Thread(this::sampleHeap, "heap-sampler");
        heapSampler.setDaemon(true);
        heapSampler.start();
    }

    private long heapUsed(Map<String, MemoryUsage> pools) {
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool : pools.entrySet()) {
            if (heapPools.stream().anyMatch(heap -> heap.getName().equals(pool.getKey()))) {
                used += pool.getValue().getUsed();
            }
        }
        return used;
    }

    /** Starts a phase: the peaks from here on. */
    synchronized void reset() {
        peakHeapBytes = 0;
        peakAfterGcBytes = 0;
        peakRssBytes = 0;
        collections = 0;
    }

    long peakHeapBytes() {
        return peakHeapBytes;
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

    private void sampleHeap() {
        while (running) {
            long used = memory.getHeapMemoryUsage().getUsed();
            synchronized (this) {
                peakHeapBytes = Math.max(peakHeapBytes, used);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
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
        heapSampler.interrupt();
    }
}
