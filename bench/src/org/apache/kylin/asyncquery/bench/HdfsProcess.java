package org.apache.kylin.asyncquery.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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

    static HdfsProcess start(Path log) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        command.add("-Dlogback.configurationFile=bench/logback.xml");
        // For profiling the cluster alone, e.g. HDFS_JAVA_OPTS=-XX:StartFlightRecording=filename=hdfs.jfr
        String extra = System.getenv("HDFS_JAVA_OPTS");
        if (extra != null && !extra.trim().isEmpty()) {
            command.addAll(Arrays.asList(extra.trim().split("\\s+")));
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MiniHdfsMain.class.getName());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<String> uri = new CompletableFuture<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8)); PrintWriter out = new PrintWriter(Files.newBufferedWriter(log))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith("URI ")) {
                        uri.complete(line.substring(4).trim());
                    }
                    out.println(line);
                    out.flush();
                }
            } catch (IOException e) {
                uri.completeExceptionally(e);
            }
            uri.completeExceptionally(new IllegalStateException("The MiniDFSCluster exited; see " + log));
        }, "hdfs-log");
        pump.setDaemon(true);
        pump.start();
        return new HdfsProcess(process, uri.get(180, TimeUnit.SECONDS));
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
