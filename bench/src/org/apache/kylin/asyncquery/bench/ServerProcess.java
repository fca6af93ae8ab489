package org.apache.kylin.asyncquery.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@link BenchServer} in a child JVM with a given heap, so its heap, RSS and threads are measured alone. */
final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static ServerProcess start(String heap, Path conf, String workingDir, Path log) throws Exception {
        // One DuckDB thread per query: the row source stands in for an engine whose work is done elsewhere (a
        // Kylin host's Spark executors), so it should not take the server's cores from the server. For profiling
        // the server alone, SERVER_JAVA_OPTS adds JVM options (e.g. -Xlog:gc:file=gc.log).
        ChildJvm child = ChildJvm.start(List.of("-Xmx" + heap, "-Dbench.duckdb.threads=1"), "SERVER_JAVA_OPTS",
                BenchServer.class, List.of("--port", "0", "--conf", conf.toString(), "--working-dir", workingDir),
                "PORT ", log, 120);
        return new ServerProcess(child.process(), Integer.parseInt(child.ready()));
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
