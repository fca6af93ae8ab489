package org.apache.kylin.asyncquery.e2e;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kylin.asyncquery.standalone.StandaloneServer;

/**
 * A standalone server in its own JVM, so that a test can kill it with SIGKILL (kill -9) as a crash would, with
 * no shutdown hook or finally block running.
 */
final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static ServerProcess start(Path conf, String workingDir, Path log) throws Exception {
        return start(conf, workingDir, log, "-Xmx512m");
    }

    /** A server whose JVM gets {@code heap} (say "-Xmx64m"), to show memory stays flat whatever the result size. */
    static ServerProcess start(Path conf, String workingDir, Path log, String heap) throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(heap);
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-cp");
        command.add(testClassPath());
        command.add(StandaloneServer.class.getName());
        command.addAll(List.of("--port", String.valueOf(port), "--conf", conf.toString(),
                "--test-data", RunningServer.TEST_DATA.toString(), "--working-dir", workingDir));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ServerProcess server = new ServerProcess(process, port);
        server.awaitListening(log);
        return server;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    ApiClient admin() {
        return new ApiClient(port, "ADMIN", "KYLIN");
    }

    /** SIGKILL: the JVM stops at once, in the middle of whatever it was writing. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private void awaitListening(Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        ApiClient probe = new ApiClient(port, null, null);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Server process exited; see " + log);
            }
            try {
                if (probe.get("/async_query").status() == 401) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Server process did not start within 60 s; see " + log);
    }

    /** Surefire runs tests from a manifest-only jar; the real class path is in its own property. */
    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isEmpty() ? surefire : System.getProperty("java.class.path");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String pathSeparator() {
        return File.pathSeparator;
    }
}
