package org.apache.kylin.rest.asyncquery.spark;

import java.util.Map;
import java.util.Properties;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.spark.SparkContext;
import org.apache.spark.Success$;
import org.apache.spark.executor.OutputMetrics;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Spark listener per SparkContext that follows the exports' jobs: it adds up the rows and bytes that the
 * successful tasks of an export's job group wrote (their output metrics) and reports them as the export's
 * progress. Listener events arrive late, on Spark's listener thread; {@link Watch#settle} waits until every event of
 * a finished write has arrived, so the totals are final.
 */
final class ExportJobs extends SparkListener {
    private static final Logger LOG = LoggerFactory.getLogger(ExportJobs.class);
    private static final String JOB_GROUP = "spark.jobGroup.id";
    /** Set on the job {@link Watch#settle} runs: its end is the last event of the export. */
    static final String SETTLE_PROPERTY = "kylin.query.async.settle";
    private static final Map<SparkContext, ExportJobs> BY_CONTEXT = new WeakHashMap<>();

    private final Map<String, Watch> watches = new ConcurrentHashMap<>();
    private final Map<Integer, Watch> byStage = new ConcurrentHashMap<>();
    private final Map<Integer, Watch> settlingJobs = new ConcurrentHashMap<>();

    private ExportJobs() {
    }

    /** The listener of this context, added on first use. */
    static ExportJobs on(SparkContext context) {
        synchronized (BY_CONTEXT) {
            return BY_CONTEXT.computeIfAbsent(context, c -> {
                ExportJobs jobs = new ExportJobs();
                c.addSparkListener(jobs);
                return jobs;
            });
        }
    }

    /** What an export does with its progress; it throws to stop the export. */
    interface Progress {
        void report(long rows, long bytes);
    }

    /** Starts following the jobs of {@code group}. */
    Watch watch(SparkContext context, String group, Progress progress) {
        Watch watch = new Watch(context, group, progress);
        watches.put(group, watch);
        return watch;
    }

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
        Properties properties = jobStart.properties();
        if (properties == null) {
            return;
        }
        Watch watch = watches.get(String.valueOf(properties.getProperty(JOB_GROUP)));
        if (watch == null) {
            return;
        }
        if (properties.getProperty(SETTLE_PROPERTY) != null) {
            settlingJobs.put(jobStart.jobId(), watch);
            return;
        }
        for (Object stage : scala.collection.JavaConverters.seqAsJavaList(jobStart.stageIds())) {
            byStage.put((Integer) stage, watch);
        }
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart taskStart) {
        Watch watch = byStage.get(taskStart.stageId());
        if (watch != null) {
            watch.taskStarted();
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        Watch watch = byStage.get(taskEnd.stageId());
        if (watch != null) {
            watch.taskEnded();
        }
        TaskMetrics metrics = taskEnd.taskMetrics();
        if (watch == null || metrics == null || !Success$.MODULE$.equals(taskEnd.reason())) {
            return;
        }
        OutputMetrics output = metrics.outputMetrics();
        watch.add(output.recordsWritten(), output.bytesWritten());
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd jobEnd) {
        Watch watch = settlingJobs.remove(jobEnd.jobId());
        if (watch != null) {
            watch.settled.countDown();
        }
    }

    /** One export's jobs: their totals, and the reason to stop if its progress refused to go on. */
    final class Watch implements AutoCloseable {
        private final SparkContext context;
        private final String group;
        private final Progress progress;
        private volatile CountDownLatch settled = new CountDownLatch(1);
        private final AtomicReference<RuntimeException> stopReason = new AtomicReference<>();
        private long rows; // guarded by this
        private long bytes; // guarded by this
        private int runningTasks; // guarded by this

        private Watch(SparkContext context, String group, Progress progress) {
            this.context = context;
            this.group = group;
            this.progress = progress;
        }

        private void add(long moreRows, long moreBytes) {
            long rowsNow;
            long bytesNow;
            synchronized (this) {
                rows += moreRows;
                bytes += moreBytes;
                rowsNow = rows;
                bytesNow = bytes;
            }
            if (stopReason.get() != null) {
                return;
            }
            try {
                progress.report(rowsNow, bytesNow);
            } catch (RuntimeException e) {
                if (stopReason.compareAndSet(null, e)) {
                    LOG.info("Stopping Spark job group {}: {}", group, e.getMessage());
                    context.cancelJobGroup(group);
                }
            }
        }

        private synchronized void taskStarted() {
            runningTasks++;
        }

        private synchronized void taskEnded() {
            runningTasks--;
            notifyAll();
        }

        /**
         * After a cancelled or failed write: waits until every task the export started has ended, up to
         * {@code timeoutMillis}, so that none writes into the part folder after it is removed (a cancelled job
         * ends before its tasks do). Returns whether they all ended.
         */
        boolean awaitTasksEnded(long timeoutMillis) throws InterruptedException {
            settle();
            long deadline = System.currentTimeMillis() + timeoutMillis;
            synchronized (this) {
                while (runningTasks > 0) {
                    long left = deadline - System.currentTimeMillis();
                    if (left <= 0) {
                        return false;
                    }
                    wait(left);
                }
            }
            return true;
        }

        synchronized long rows() {
            return rows;
        }

        /** Why the export's progress stopped it, if it did. */
        RuntimeException stopReason() {
            return stopReason.get();
        }

        /**
         * Waits until the listener has seen every event of the jobs that ran so far, by running one empty job in the
         * group and waiting for its end: Spark delivers a listener's events in order. Call after the write returned.
         */
        void settle() throws InterruptedException {
            CountDownLatch latch = new CountDownLatch(1);
            settled = latch;
            String before = context.getLocalProperty(SETTLE_PROPERTY);
            context.setLocalProperty(SETTLE_PROPERTY, "true");
            try {
                context.emptyRDD(scala.reflect.ClassTag$.MODULE$.apply(Object.class)).count();
            } finally {
                context.setLocalProperty(SETTLE_PROPERTY, before);
            }
            if (!latch.await(SETTLE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Spark's listener did not report the export's end in "
                        + SETTLE_TIMEOUT_SECONDS + " s");
            }
        }

        @Override
        public void close() {
            watches.remove(group, this);
            byStage.values().removeIf(w -> w == this);
            settlingJobs.values().removeIf(w -> w == this);
        }
    }

    private static final long SETTLE_TIMEOUT_SECONDS = 300;
}
