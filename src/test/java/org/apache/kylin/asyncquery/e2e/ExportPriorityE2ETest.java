package org.apache.kylin.asyncquery.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * kylin.query.async.export-nice on a real server, read back from the kernel: while an export runs, its thread and
 * the writer thread it started run at the server's nice plus the setting, and the server's request threads do not.
 */
class ExportPriorityE2ETest {
    private static final int EXPORT_NICE = 7;
    private static final Path TASKS = Paths.get("/proc/self/task");

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Map.of(
            "kylin.query.async.threads", "1",
            "kylin.query.async.export-nice", String.valueOf(EXPORT_NICE)));

    @Test
    void theExportAndItsWriterThreadRunAtALowerPriorityThanRequests() throws Exception {
        assumeTrue(Files.isDirectory(TASKS), "Linux only: threads have their own nice there");
        int serverNice = nice(Paths.get("/proc/self/stat"));
        assumeTrue(serverNice + EXPORT_NICE <= 19, "the test JVM already runs at a low priority");
        ApiClient admin = SERVER.admin();
        String running = admin.submit(SlowQueries.STREAMING_CROSS_JOIN);
        try {
            // The writer thread is started by the export's task, which runs only after its thread lowered itself.
            List<Integer> writer = awaitThreads("async-query-wri");
            List<Integer> export = threadNices("async-query-1");
            assertThat(export).containsOnly(serverNice + EXPORT_NICE);
            assertThat(writer).containsOnly(serverNice + EXPORT_NICE);
            assertThat(threadNices("http-nio")).isNotEmpty().containsOnly(serverNice);
            assertThat(admin.status(running)).isEqualTo("RUNNING");
        } finally {
            admin.delete("/async_query/stop/" + running);
        }
    }

    /** The nice values of this JVM's threads whose kernel name (15 characters at most) starts with the prefix. */
    private static List<Integer> threadNices(String prefix) throws IOException {
        List<Integer> nices = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(TASKS)) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = new String(Files.readAllBytes(task.resolve("comm")), StandardCharsets.UTF_8).trim();
                    if (name.startsWith(prefix)) {
                        nices.add(nice(task.resolve("stat")));
                    }
                } catch (IOException ended) {
                    // The thread ended while the list was read.
                }
            }
        }
        return nices;
    }

    private static List<Integer> awaitThreads(String prefix) throws Exception {
        List<Integer> nices = threadNices(prefix);
        while (nices.isEmpty()) {
            Thread.sleep(20);
            nices = threadNices(prefix);
        }
        return nices;
    }

    private static int nice(Path stat) throws IOException {
        String text = new String(Files.readAllBytes(stat), StandardCharsets.US_ASCII);
        return Integer.parseInt(text.substring(text.lastIndexOf(')') + 2).split(" ")[16]);
    }
}
