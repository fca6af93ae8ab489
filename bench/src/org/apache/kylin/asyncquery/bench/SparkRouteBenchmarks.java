package org.apache.kylin.asyncquery.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Measurement 7: a Spark Dataset exported as CSV by the Spark route (executors write the parts, the service commits
 * them), by the driver-iterator route (rows pulled into the server's writer), and by Spark's own
 * {@code write().csv()}, each in a child JVM of its own with a small heap ({@link SparkRouteChild}); the Spark
 * route also at smaller row counts (is its heap flat?) and, with Spark's own writer, on one core and on two. The
 * outputs are checked before any time is reported: the two routes' results byte for byte, every row count.
 */
public final class SparkRouteBenchmarks {
    private static final ObjectMapper JSON = new ObjectMapper();
    // What Spark needs opened on JDK 17; sun.util.calendar too, or rows with a DATE fail on the driver route
    // (DateTimeUtils.toJavaDate reads sun.util.calendar.ZoneInfo). Spark's own launcher opens more.
    private static final List<String> OPENS = Arrays.asList("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED");

    private final long rows;
    private final int reps;
    private final long[] flatRows;
    private final int partitions;
    private final String heap;
    private final boolean oneCore;
    private final Path dir;
    private final Report report;
    private final List<JsonNode> results = new ArrayList<>();
    private String command = "bench/spark-route";

    private SparkRouteBenchmarks(Map<String, String> options) throws IOException {
        this.rows = Long.parseLong(options.getOrDefault("rows", "20000000"));
        this.reps = Integer.parseInt(options.getOrDefault("reps", "1"));
        String flat = options.getOrDefault("flat-rows", "5000000,10000000");
        this.flatRows = flat.isEmpty() ? new long[0] : Arrays.stream(flat.split(",")).mapToLong(Long::parseLong)
                .toArray();
        this.partitions = Integer.parseInt(options.getOrDefault("partitions", "8"));
        this.heap = options.getOrDefault("heap", "768m");
        this.oneCore = Boolean.parseBoolean(options.getOrDefault("one-core", "true"));
        this.dir = Paths.get(options.getOrDefault("dir", "target/bench/spark-route")).toAbsolutePath();
        this.report = new Report(Paths.get(options.getOrDefault("out", "target/bench/spark-route.md")));
    }

    public static void main(String[] args) throws Exception {
        SparkRouteBenchmarks benchmarks = new SparkRouteBenchmarks(Args.parse(args));
        benchmarks.command = "bench/spark-route" + (args.length == 0 ? "" : " " + String.join(" ", args));
        benchmarks.run();
        System.exit(0);
    }

    private void run() throws Exception {
        ExportBenchmarks.deleteRecursively(dir.toFile());
        Files.createDirectories(dir);
        long[] withFlat = Arrays.copyOf(flatRows, flatRows.length + 1);
        withFlat[flatRows.length] = rows;
        child("spark-writer", 2, new long[] {rows});
        child("executors", 2, withFlat);
        child("driver", 2, withFlat);
        if (oneCore) {
            child("executors", 1, new long[] {rows});
            child("spark-writer", 1, new long[] {rows});
        }
        String checks = check();
        writeReport(checks);
    }

    /** Runs one route in a child JVM and collects its RESULT lines. */
    private void child(String route, int cores, long[] counts) throws Exception {
        String name = route + "-local" + cores;
        Path childDir = dir.resolve(name);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.addAll(OPENS);
        command.add("-Dlogback.configurationFile=bench/logback.xml");
        command.add("-Dbench.spark.cores=" + cores);
        command.add("-Dbench.spark.partitions=" + partitions);
        command.add("-Dbench.spark.scratch=" + childDir.resolve("scratch"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SparkRouteChild.class.getName());
        command.addAll(Arrays.asList("--route", route, "--reps", String.valueOf(reps), "--dir", childDir.toString(),
                "--rows", Arrays.stream(counts).mapToObj(String::valueOf).collect(Collectors.joining(","))));
        System.out.println("== " + name + ": " + Arrays.toString(counts) + " rows, " + reps + " rep(s), -Xmx" + heap);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Path log = dir.resolve(name + ".log");
        boolean done = false;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)); PrintWriter out = new PrintWriter(Files.newBufferedWriter(log))) {
            for (String line; (line = in.readLine()) != null; ) {
                out.println(line);
                out.flush();
                if (line.startsWith("RESULT ")) {
                    JsonNode result = JSON.readTree(line.substring(7));
                    System.out.println("  " + describe(result));
                    if (result.path("rep").asInt() > 0) {
                        results.add(result);
                    }
                } else if (line.equals("DONE")) {
                    done = true;
                }
            }
        }
        int exit = process.waitFor();
        if (exit != 0 || !done) {
            throw new IllegalStateException(name + " exited " + exit + " before it was done; see " + log);
        }
        ExportBenchmarks.deleteRecursively(childDir.toFile());
    }

    private static String describe(JsonNode r) {
        return String.format(Locale.ROOT, "%s local[%d] %,d rows%s: %.2f s (%.2f cores), %,d bytes, heap peak %s,"
                + " after GC %s, RSS %s, %s", r.path("route").asText(), r.path("cores").asInt(),
                r.path("rows").asLong(), r.path("rep").asInt() < 0 ? " (warm-up)" : "", r.path("seconds").asDouble(),
                r.path("cpuSeconds").asDouble() / r.path("seconds").asDouble(), r.path("bytes").asLong(),
                Figures.mb(r.path("peakHeapBytes").asDouble()), Figures.mb(r.path("peakAfterGcBytes").asDouble()),
                Figures.mb(r.path("peakRssBytes").asDouble()), r.path("sha256").asText().substring(0, 12));
    }

    /** Every export's rows and lines; the two routes' results byte for byte. Throws on a failed check. */
    private String check() {
        List<String> failures = new ArrayList<>();
        for (JsonNode r : results) {
            String route = r.path("route").asText();
            long n = r.path("rows").asLong();
            if (r.path("resultRows").asLong() != n) {
                failures.add(route + " at " + n + " rows wrote " + r.path("resultRows").asLong() + " rows");
            }
            if (!route.equals("spark-writer")) {
                String expected = route.equals("executors") ? "SPARK_EXECUTORS" : "SPARK_DRIVER_ITERATOR";
                if (!r.path("takenRoute").asText().equals(expected)) {
                    failures.add(route + " took the route " + r.path("takenRoute").asText());
                }
                if (r.path("lines").asLong() != n + 1) {
                    failures.add(route + " at " + n + " rows has " + r.path("lines").asLong() + " lines");
                }
            }
        }
        List<String> compared = new ArrayList<>();
        for (JsonNode driver : select(r -> r.path("route").asText().equals("driver"))) {
            long n = driver.path("rows").asLong();
            for (JsonNode executors : select(r -> r.path("route").asText().equals("executors")
                    && r.path("rows").asLong() == n)) {
                if (!executors.path("sha256").asText().equals(driver.path("sha256").asText())
                        || executors.path("bytes").asLong() != driver.path("bytes").asLong()) {
                    failures.add("at " + n + " rows the Spark route's result (" + executors.path("bytes").asLong()
                            + " bytes, SHA-256 " + executors.path("sha256").asText() + ") differs from the driver"
                            + " route's (" + driver.path("bytes").asLong() + " bytes, SHA-256 "
                            + driver.path("sha256").asText() + ")");
                }
            }
            compared.add(Figures.count(n) + " rows: " + Figures.count(driver.path("bytes").asLong()) + " bytes, SHA-256 "
                    + driver.path("sha256").asText().substring(0, 16) + "…");
        }
        if (!failures.isEmpty() || compared.isEmpty()) {
            throw new IllegalStateException("Output checks failed: " + (failures.isEmpty()
                    ? "no result of both routes to compare" : String.join("; ", failures)));
        }
        return "Checked before any time is reported: every export holds its row count (the two routes' downloads"
                + " have one line per row and a header, and record the route they took; Spark's part files one"
                + " line per row and a header each), and the Spark route's download is byte-identical to the driver"
                + " route's at every row count and core count (" + String.join("; ", new java.util.LinkedHashSet<>(
                compared)) + ").";
    }

    private static String memoryGib() {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return String.valueOf(Math.round(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024));
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return "?";
    }

    private List<JsonNode> select(Predicate<JsonNode> which) {
        return results.stream().filter(which).collect(Collectors.toList());
    }

    private double median(String route, int cores, long n, String field) {
        return Figures.median(select(r -> r.path("route").asText().equals(route) && r.path("cores").asInt() == cores
                && r.path("rows").asLong() == n).stream().map(r -> r.path(field).asDouble())
                .collect(Collectors.toList()));
    }

    private void writeReport(String checks) throws IOException {
        double[] load = results.stream().mapToDouble(r -> r.path("loadAverage").asDouble()).sorted().toArray();
        report.line(String.format(Locale.ROOT, "Run of `%s` on %s: %d cores, %s GiB, %s %s, Java %s. A shared"
                + " machine: other work ran beside it (one-minute load average %.1f to %.1f at the end of the"
                + " exports, of which this benchmark's own threads are about 2).", command,
                java.time.LocalDate.now(java.time.ZoneOffset.UTC), Runtime.getRuntime().availableProcessors(),
                memoryGib(), System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("java.version"), load[0], load[load.length - 1]));
        report.heading("7. The Spark route: " + Figures.count(rows) + " rows, 8 columns, CSV on file:, local[2], "
                + partitions + " partitions, median of " + reps);
        report.line("Each route in its own child JVM with `-Xmx" + heap + "`; Spark runs in local mode inside it,"
                + " as Sparder runs inside a Kylin server. " + checks);
        report.line("");
        report.tableHeader("route", "time", "rows/s", "time / Spark's writer", "output", "peak heap in use",
                "peak heap after GC", "peak RSS", "CPU");
        double spark = median("spark-writer", 2, rows, "seconds");
        String[][] routes = {
            {"executors", "Spark route: executors write parts, the service commits them (HTTP submit to SUCCESSFUL)"},
            {"driver", "driver-iterator route: `toLocalIterator` into the server's CSV writer (HTTP submit to"
                    + " SUCCESSFUL)"},
            {"spark-writer", "Spark's own `write().option(\"header\", true).csv()`"}};
        for (String[] route : routes) {
            double seconds = median(route[0], 2, rows, "seconds");
            report.row(route[1], Figures.seconds(seconds), Figures.rowsPerSecond(rows, seconds),
                    Figures.ratio(seconds / spark), Figures.mb(median(route[0], 2, rows, "bytes")),
                    Figures.mb(median(route[0], 2, rows, "peakHeapBytes")),
                    Figures.mb(median(route[0], 2, rows, "peakAfterGcBytes")),
                    Figures.mb(median(route[0], 2, rows, "peakRssBytes")),
                    String.format(Locale.ROOT, "%.2f cores", median(route[0], 2, rows, "cpuSeconds") / seconds));
        }
        report.line("");
        report.line(String.format(Locale.ROOT, "Of the Spark route's %s, `SparkExport.deliver` (the Spark job, the"
                + " listener's settling job and the parts' hand-over) took %s; the driver route's deliver took %s.",
                Figures.seconds(median("executors", 2, rows, "seconds")),
                Figures.seconds(median("executors", 2, rows, "deliverSeconds")),
                Figures.seconds(median("driver", 2, rows, "deliverSeconds"))));
        if (flatRows.length > 0) {
            report.heading("7b. Heap against rows: the same export at " + (flatRows.length + 1) + " row counts, "
                    + partitions + " partitions each, `-Xmx" + heap + "`");
            report.tableHeader("route", "rows", "rows per partition", "time", "output", "peak heap in use",
                    "peak heap after GC", "peak RSS");
            long[] all = Arrays.copyOf(flatRows, flatRows.length + 1);
            all[flatRows.length] = rows;
            for (String route : new String[] {"executors", "driver"}) {
                for (long n : all) {
                    report.row(route.equals("executors") ? "Spark route" : "driver-iterator route", Figures.count(n),
                            Figures.count(n / partitions), Figures.seconds(median(route, 2, n, "seconds")),
                            Figures.mb(median(route, 2, n, "bytes")), Figures.mb(median(route, 2, n, "peakHeapBytes")),
                            Figures.mb(median(route, 2, n, "peakAfterGcBytes")),
                            Figures.mb(median(route, 2, n, "peakRssBytes")));
                }
            }
        }
        if (oneCore) {
            report.heading("7c. Spark's cores: local[1] against local[2], " + Figures.count(rows) + " rows");
            report.tableHeader("route", "local[1]", "local[2]", "local[1] / local[2]");
            for (String[] route : new String[][] {{"executors", "Spark route"}, {"spark-writer", "Spark's own writer"}}) {
                double one = median(route[0], 1, rows, "seconds");
                double two = median(route[0], 2, rows, "seconds");
                report.row(route[1], Figures.seconds(one), Figures.seconds(two), Figures.ratio(one / two));
            }
        }
    }
}
