package org.apache.kylin.asyncquery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kylin.asyncquery.testing.Eventually;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/** What the Spark engine's end-to-end tests share: the JVM's Spark, and a query's folder as the engine left it. */
final class SparkServers {
    private SparkServers() {
    }

    /** The SparkContext the in-process servers run on. */
    static SparkContext sparkContext() {
        scala.Option<SparkSession> session = SparkSession.getDefaultSession();
        if (session.isEmpty()) {
            session = SparkSession.getActiveSession();
        }
        assertThat(session.isDefined()).as("a Spark session in this JVM").isTrue();
        return session.get().sparkContext();
    }

    /** Waits until Spark runs no job at all: every executor is free again. */
    static void awaitNoActiveSparkJobs() {
        Eventually.await("Spark to run no job", () -> sparkContext().statusTracker().getActiveJobIds(),
                ids -> ids.length == 0);
    }

    /** The names of what a query's folder holds, sorted. */
    static List<String> folderEntries(Path workingDir, String queryId) throws IOException {
        Path folder = workingDir.resolve("async_query_result").resolve(queryId);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    /** The visible result files of a query (not "_" files nor Spark's hidden ones). */
    static List<String> resultFiles(Path workingDir, String queryId) throws IOException {
        return folderEntries(workingDir, queryId).stream().filter(name -> name.startsWith("result"))
                .collect(Collectors.toList());
    }

    /** Asserts a failed or stopped query left no result file and no part folder behind. */
    static void assertNothingWritten(Path workingDir, String queryId) throws IOException {
        List<String> entries = folderEntries(workingDir, queryId);
        assertThat(entries).as("what the query's folder holds").noneMatch(name -> name.startsWith("result")
                || name.contains("parts") || name.startsWith("part-") || name.startsWith("_writing"));
    }
}
