package org.apache.kylin.asyncquery.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.kylin.asyncquery.standalone.StandaloneServer;
import org.apache.kylin.asyncquery.testing.Eventually;

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

    /**
     * A server whose JVM gets {@code heap} (say "-Xmx64m"), to show memory stays flat whatever the result size. It
     * listens on a port the system picks ({@code --port 0}) and names it in a port file beside {@code log}, so two
     * servers never race for one port.
     */
    static ServerProcess start(Path conf, String workingDir, Path log, String heap) throws Exception {
        Path portFile = log.resolveSibling(log.getFileName() + ".port");
        Files.deleteIfExists(portFile);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(heap);
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-cp");
        command.add(testClassPath());
        command.add(StandaloneServer.class.getName());
        command.addAll(List.of("--port", "0", "--port-file", portFile.toString(), "--conf", conf.toString(),
                "--test-data", RunningServer.TEST_DATA.toString(), "--working-dir", workingDir));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            return new ServerProcess(process, awaitPort(process, portFile, log));
        } catch (RuntimeException | Error e) {
            process.destroyForcibly();
            throw e;
        }
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

    /** The port the server wrote once it was listening; fails at once, naming the log, if the server exits first. */
    private static int awaitPort(Process process, Path portFile, Path log) {
        Eventually.await("the server to write its port to " + portFile + " (see " + log + ")",
                () -> Files.exists(portFile) || !process.isAlive(), Boolean::booleanValue);
        if (!Files.exists(portFile)) {
            throw new IllegalStateException("Server process exited with " + process.exitValue() + "; see " + log);
        }
        try {
            return Integer.parseInt(Files.readString(portFile).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Surefire runs tests from a manifest-only jar; the real class path is in its own property. */
    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isEmpty() ? surefire : System.getProperty("java.class.path");
    }

    static String pathSeparator() {
        return File.pathSeparator;
    }
}
