package org.apache.kylin.asyncquery.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A main class of this classpath in a JVM of its own, its output copied into a log, started once it prints the
 * line that says it is ready. Extra JVM options come from an environment variable, for profiling one child alone.
 */
final class ChildJvm {
    private final Process process;
    private final String ready;

    private ChildJvm(Process process, String ready) {
        this.process = process;
        this.ready = ready;
    }

    /**
     * Starts {@code mainClass} with the JVM options, any in {@code optionsVariable}, and the arguments; waits up to
     * {@code timeoutSeconds} for an output line starting with {@code readyPrefix}.
     */
    static ChildJvm start(List<String> jvmOptions, String optionsVariable, Class<?> mainClass, List<String> arguments,
            String readyPrefix, Path log, int timeoutSeconds) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dlogback.configurationFile=bench/logback.xml");
        String extra = System.getenv(optionsVariable);
        if (extra != null && !extra.trim().isEmpty()) {
            command.addAll(Arrays.asList(extra.trim().split("\\s+")));
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8)); PrintWriter out = new PrintWriter(Files.newBufferedWriter(log))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith(readyPrefix)) {
                        ready.complete(line.substring(readyPrefix.length()).trim());
                    }
                    out.println(line);
                    out.flush();
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IllegalStateException(mainClass.getSimpleName() + " exited; see " + log));
        }, mainClass.getSimpleName() + "-log");
        pump.setDaemon(true);
        pump.start();
        return new ChildJvm(process, ready.get(timeoutSeconds, TimeUnit.SECONDS));
    }

    /** The rest of the line that said the child was ready. */
    String ready() {
        return ready;
    }

    Process process() {
        return process;
    }
}
