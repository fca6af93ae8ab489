package org.apache.kylin.rest.asyncquery.service;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operating-system priority (nice) of the calling thread, on Linux, where nice is per thread and a thread
 * inherits it from the thread that starts it. Java cannot call setpriority(2) itself (its thread priorities are
 * ignored on Linux), so the lowering runs util-linux's {@code renice} on the thread's own ID, once per thread.
 * Raising one's nice needs no privilege. Elsewhere (no {@code /proc/thread-self}) both methods do nothing.
 */
final class ThreadNice {
    private static final Logger LOG = LoggerFactory.getLogger(ThreadNice.class);
    private static final Path THREAD_SELF = Paths.get("/proc/thread-self");
    private static final int MAX_NICE = 19;
    // The nice value is the 19th field of stat; counting starts after the command name, which may hold spaces.
    private static final int NICE_FIELD_AFTER_NAME = 19 - 3;
    private static final long RENICE_TIMEOUT_SECONDS = 10;
    private static final File DEV_NULL = new File("/dev/null");

    private ThreadNice() {
    }

    /** The calling thread's nice value, or empty where threads have none this class can read. */
    static OptionalInt current() {
        try {
            String stat = new String(Files.readAllBytes(THREAD_SELF.resolve("stat")), StandardCharsets.US_ASCII);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return OptionalInt.of(Integer.parseInt(fields[NICE_FIELD_AFTER_NAME]));
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    /**
     * Makes the calling thread's nice {@code by} higher than it is (at most 19), and says whether it now is.
     * A failure is logged, never thrown: a thread at the usual priority still does its work.
     */
    static boolean lowerCurrentThread(int by) {
        OptionalInt before = current();
        if (by <= 0 || !before.isPresent()) {
            return false;
        }
        int target = Math.min(MAX_NICE, before.getAsInt() + by);
        try {
            String tid = Files.readSymbolicLink(THREAD_SELF).getFileName().toString();
            Process renice = new ProcessBuilder("renice", "-n", Integer.toString(target), "-p", tid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(DEV_NULL)).start();
            if (!renice.waitFor(RENICE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                renice.destroyForcibly();
            }
        } catch (IOException e) {
            LOG.warn("Could not lower the priority of thread {}: {}", Thread.currentThread().getName(), e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        OptionalInt after = current();
        boolean lowered = after.isPresent() && after.getAsInt() == target;
        if (!lowered) {
            LOG.warn("Thread {} has nice {} after asking renice for {}", Thread.currentThread().getName(),
                    after.isPresent() ? Integer.toString(after.getAsInt()) : "unknown", target);
        }
        return lowered;
    }
}
