package org.apache.kylin.asyncquery.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link MiniHdfsMain} in a child JVM: the export's HDFS client runs in the server's JVM as in production, while
 * the NameNode and DataNode get their own heap, JIT and garbage collector, and their CPU time is counted apart.
 */
final class HdfsProcess implements AutoCloseable {
    private final Process process;
    private final String uri;

    private HdfsProcess(Process process, String uri) {
        this.process = process;
        this.uri = uri;
    }

    /** For profiling the cluster alone, HDFS_JAVA_OPTS adds JVM options (e.g. -XX:StartFlightRecording=...). */
    static HdfsProcess start(Path log) throws Exception {
        ChildJvm child = ChildJvm.start(List.of("-Xmx1g"), "HDFS_JAVA_OPTS", MiniHdfsMain.class, List.of(), "URI ",
                log, 180);
        return new HdfsProcess(child.process(), child.ready());
    }

    /** {@code hdfs://localhost:PORT}. */
    String uri() {
        return uri;
    }

    /** The NameNode's and DataNode's CPU time so far, every thread of their JVM. */
    long cpuNanos() {
        return process.info().totalCpuDuration().orElse(Duration.ZERO).toNanos();
    }

    @Override
    public void close() throws Exception {
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
