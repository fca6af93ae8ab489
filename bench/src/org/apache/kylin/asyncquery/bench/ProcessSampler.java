package org.apache.kylin.asyncquery.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * Samples a JVM from outside every 250 ms: heap in use (jstat: survivor, eden and old spaces, before any
 * collection frees them, so a peak is an upper bound of what was live), resident set size and thread count
 * (from /proc). Peaks are kept per phase.
 */
final class ProcessSampler implements AutoCloseable {
    private final long pid;
    private final Process jstat;
    private final Thread procReader;
    private volatile boolean running = true;
    private volatile long peakHeapBytes;
    private volatile long peakRssBytes;
    private volatile int peakThreads;

    ProcessSampler(long pid) throws IOException {
        this.pid = pid;
        this.jstat = new ProcessBuilder("jstat", "-gc", String.valueOf(pid), "250").redirectErrorStream(true).start();
        Thread heapReader = new Thread(this::readJstat, "jstat-reader");
        heapReader.setDaemon(true);
        heapReader.start();
        this.procReader = new Thread(this::readProc, "proc-reader");
        procReader.setDaemon(true);
        procReader.start();
    }

    /** Starts a new phase: the peaks from here on. */
    void reset() {
        peakHeapBytes = 0;
        peakRssBytes = 0;
        peakThreads = 0;
    }

    long peakHeapBytes() {
        return peakHeapBytes;
    }

    long peakRssBytes() {
        return peakRssBytes;
    }

    int peakThreads() {
        return peakThreads;
    }

    private void readJstat() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(jstat.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 8 || !Character.isDigit(f[0].charAt(0))) {
                    continue;
                }
                // S0C S1C S0U S1U EC EU OC OU ...: used = S0U + S1U + EU + OU, in KB
                double usedKb = Double.parseDouble(f[2]) + Double.parseDouble(f[3]) + Double.parseDouble(f[5])
                        + Double.parseDouble(f[7]);
                peakHeapBytes = Math.max(peakHeapBytes, (long) (usedKb * 1024));
            }
        } catch (IOException | RuntimeException e) {
            // the process ended
        }
    }

    private void readProc() {
        Path status = Paths.get("/proc", String.valueOf(pid), "status");
        while (running) {
            try {
                List<String> lines = Files.readAllLines(status);
                for (String line : lines) {
                    if (line.startsWith("VmRSS:")) {
                        peakRssBytes = Math.max(peakRssBytes, kb(line) * 1024);
                    } else if (line.startsWith("Threads:")) {
                        peakThreads = Math.max(peakThreads, (int) kb(line));
                    }
                }
                Thread.sleep(250);
            } catch (IOException | InterruptedException e) {
                return;
            }
        }
    }

    private static long kb(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }

    @Override
    public void close() {
        running = false;
        jstat.destroy();
        procReader.interrupt();
    }
}
