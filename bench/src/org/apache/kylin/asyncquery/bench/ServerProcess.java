package org.apache.kylin.asyncquery.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.add("-Dlogback.configurationFile=bench/logback.xml");
        // One DuckDB thread per query: the row source stands in for an engine whose work is done elsewhere (a
        // Kylin host's Spark executors), so it should not take the server's cores from the server.
        command.add("-Dbench.duckdb.threads=1");
        // For profiling the server alone, e.g. SERVER_JAVA_OPTS=-Xlog:gc:file=gc.log
        String extra = System.getenv("SERVER_JAVA_OPTS");
        if (extra != null && !extra.trim().isEmpty()) {
            command.addAll(java.util.Arrays.asList(extra.trim().split("\\s+")));
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(BenchServer.class.getName());
        command.add("--port");
        command.add("0");
        command.add("--conf");
        command.add(conf.toString());
        command.add("--working-dir");
        command.add(workingDir);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8)); PrintWriter out = new PrintWriter(Files.newBufferedWriter(log))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith("PORT ")) {
                        port.complete(Integer.parseInt(line.substring(5).trim()));
                    }
                    out.println(line);
                    out.flush();
                }
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
            port.completeExceptionally(new IllegalStateException("The server exited; see " + log));
        }, "server-log");
        pump.setDaemon(true);
        pump.start();
        return new ServerProcess(process, port.get(120, TimeUnit.SECONDS));
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
