package org.apache.kylin.asyncquery.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.kylin.asyncquery.standalone.StandaloneOptions;
import org.apache.kylin.asyncquery.standalone.StandaloneServer;
import org.apache.kylin.rest.asyncquery.store.ResultStore;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryOutcome;
import org.apache.spark.sql.SparkSession;

/**
 * One route of the Spark benchmark, in a JVM of its own (started by {@link SparkRouteBenchmarks} with a small heap),
 * so that its heap is that route's alone. Routes:
 * <ul>
 *   <li>{@code executors}: the standalone server, in this JVM, with {@link BenchSparkEngine} and
 *       {@code spark-route=true}: HTTP submit, the real service's sink, Spark's executors writing the parts, the
 *       store's {@code PendingParts} commit, SUCCESSFUL.</li>
 *   <li>{@code driver}: the same server with {@code spark-route=false}: {@code toLocalIterator} into the server's CSV
 *       writer and the store's {@code PendingResult}.</li>
 *   <li>{@code spark-writer}: Spark's own {@code Dataset.write().csv()} of the same rows, no server.</li>
 * </ul>
 * After a warm-up, each row count is exported {@code reps} times; each export is timed, its memory watched
 * ({@link HeapWatch}), and then, outside the timing, checked (row count, lines) and digested (SHA-256 of the
 * download, or of Spark's part files in order). One {@code RESULT {json}} line per export.
 */
public final class SparkRouteChild {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SparkRouteChild() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Args.parse(args);
        String route = options.get("route");
        long[] rows = Arrays.stream(options.get("rows").split(",")).mapToLong(Long::parseLong).toArray();
        int reps = Integer.parseInt(options.getOrDefault("reps", "1"));
        long warmup = Long.parseLong(options.getOrDefault("warmup", "1000000"));
        Path dir = Paths.get(options.get("dir")).toAbsolutePath();
        ExportBenchmarks.deleteRecursively(dir.toFile());
        Files.createDirectories(dir);
        try (HeapWatch watch = new HeapWatch()) {
            if (route.equals("spark-writer")) {
                sparkWriter(dir, rows, reps, warmup, watch);
            } else {
                server(route, dir, rows, reps, warmup, watch);
            }
        }
        System.out.println("DONE");
        System.out.flush();
        System.exit(0);
    }

    private static void server(String route, Path dir, long[] rows, int reps, long warmup, HeapWatch watch)
            throws Exception {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("kylin.query.async.spark-route", String.valueOf(route.equals("executors")));
        settings.put("kylin.query.async.max-kept-bytes-per-user", "0");
        Path conf = BenchConf.write(dir.resolve("conf"), settings);
        String workingDir = dir.resolve("results").toUri().toString();
        ResultStore store = new ResultStore(FileSystem.get(java.net.URI.create(workingDir), new Configuration()),
                new org.apache.hadoop.fs.Path(workingDir));
        try (StandaloneServer server = StandaloneServer.start(new StandaloneOptions(0, workingDir, conf,
                Paths.get("test-data")), BenchSparkEngineConfig.class)) {
            BenchClient client = new BenchClient(server.port());
            export(client, store, route, warmup, -1, watch);
            for (long n : rows) {
                for (int rep = 1; rep <= reps; rep++) {
                    export(client, store, route, n, rep, watch);
                }
            }
        }
    }

    private static void export(BenchClient client, ResultStore store, String route, long n, int rep,
            HeapWatch watch) throws Exception {
        System.gc();
        watch.reset();
        long cpu = CpuTime.process();
        long start = System.nanoTime();
        String id = client.submit(SparkRows.sql(n), "csv");
        JsonNode status = client.awaitTerminal(id, 25);
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> result = measured(route, n, rep, seconds, CpuTime.process() - cpu, watch);
        result.put("deliverSeconds", BenchSparkEngine.lastDeliverSeconds());
        if (!status.path("status").asText().equals("SUCCESSFUL")) {
            throw new IllegalStateException("Export failed: " + status);
        }
        QueryId queryId = QueryId.parse(id).orElseThrow();
        QueryOutcome outcome = store.findOutcome(queryId).orElseThrow();
        result.put("takenRoute", outcome.route());
        result.put("resultRows", outcome.rows());
        result.put("files", store.result(queryId).files().size());
        BenchClient.Digest digest = client.digestDownload(id);
        result.put("bytes", digest.bytes);
        result.put("lines", digest.lines);
        result.put("sha256", digest.sha256);
        client.delete(id);
        report(result);
    }

    private static void sparkWriter(Path dir, long[] rows, int reps, long warmup, HeapWatch watch) throws Exception {
        int partitions = Integer.getInteger("bench.spark.partitions", 8);
        SparkSession spark = SparkRows.session(Integer.getInteger("bench.spark.cores", 2),
                Paths.get(System.getProperty("bench.spark.scratch", dir.resolve("scratch").toString())));
        writeCsv(spark, dir.resolve("csv"), warmup, -1, partitions, watch);
        for (long n : rows) {
            for (int rep = 1; rep <= reps; rep++) {
                writeCsv(spark, dir.resolve("csv"), n, rep, partitions, watch);
            }
        }
    }

    private static void writeCsv(SparkSession spark, Path folder, long n, int rep, int partitions, HeapWatch watch)
            throws Exception {
        ExportBenchmarks.deleteRecursively(folder.toFile());
        System.gc();
        watch.reset();
        long cpu = CpuTime.process();
        long start = System.nanoTime();
        SparkRows.of(spark, n, partitions).write().option("header", "true").csv(folder.toString());
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> result = measured("spark-writer", n, rep, seconds, CpuTime.process() - cpu, watch);
        List<Path> parts;
        try (Stream<Path> listed = Files.list(folder)) {
            parts = listed.filter(p -> p.getFileName().toString().startsWith("part-")).sorted()
                    .collect(Collectors.toList());
        }
        List<InputStream> streams = new ArrayList<>();
        for (Path part : parts) {
            streams.add(Files.newInputStream(part));
        }
        Enumeration<InputStream> all = Collections.enumeration(streams);
        BenchClient.Digest digest;
        try (InputStream in = new SequenceInputStream(all)) {
            digest = BenchClient.digest(in);
        }
        result.put("files", parts.size());
        result.put("bytes", digest.bytes);
        // Each part file has its own header line.
        result.put("lines", digest.lines);
        result.put("resultRows", digest.lines - parts.size());
        result.put("sha256", digest.sha256);
        ExportBenchmarks.deleteRecursively(folder.toFile());
        report(result);
    }

    private static Map<String, Object> measured(String route, long n, int rep, double seconds, long cpuNanos,
            HeapWatch watch) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("route", route);
        result.put("cores", Integer.getInteger("bench.spark.cores", 2));
        result.put("partitions", Integer.getInteger("bench.spark.partitions", 8));
        result.put("rows", n);
        result.put("rep", rep);
        result.put("seconds", seconds);
        result.put("cpuSeconds", cpuNanos / 1e9);
        result.put("peakHeapBytes", watch.peakHeapBytes());
        result.put("peakAfterGcBytes", watch.peakAfterGcBytes());
        result.put("peakRssBytes", watch.peakRssBytes());
        result.put("collections", watch.collections());
        result.put("maxHeapBytes", watch.maxHeapBytes());
        result.put("loadAverage", loadAverage());
        return result;
    }

    /** The machine's one-minute load average (this export's own threads included): how shared the cores were. */
    private static double loadAverage() {
        try {
            return Double.parseDouble(new String(Files.readAllBytes(Paths.get("/proc/loadavg")),
                    java.nio.charset.StandardCharsets.US_ASCII).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static void report(Map<String, Object> result) throws IOException {
        System.out.println("RESULT " + JSON.writeValueAsString(result));
        System.out.flush();
    }
}
