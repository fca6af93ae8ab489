package org.apache.kylin.asyncquery.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Measurements 3, 4 and 5, against the server in its own JVM with a small heap:
 * <ul>
 *   <li>Memory: export a CSV result at least {@code factor} times the heap, then download it; peak heap (jstat)
 *       and RSS (/proc) per phase, and whether the server survived.</li>
 *   <li>Download: that result through {@code result_download} and through nginx serving the same file, whole and
 *       as a Range from the middle, alternating, with curl on loopback; then a smaller result compressed on the fly,
 *       per core, against the zstd and gzip tools ({@link CompressedDownloads}).</li>
 *   <li>Load: wrk on {@code status} with no export running and with K exports running; then a burst of
 *       submissions, each of which must be accepted and end, or be refused with a clean 429.</li>
 * </ul>
 */
public final class ServerBenchmarks {
    private static final Pattern WRK_PERCENTILE = Pattern.compile("^\\s+(50|90|99)%\\s+([\\d.]+)(us|ms|s)\\s*$",
            Pattern.MULTILINE);
    private static final Pattern WRK_RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern WRK_ERRORS = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

    private final Map<String, String> options;
    private final Report report;
    private BenchClient client;
    private ProcessSampler sampler;

    private ServerBenchmarks(Map<String, String> options, Report report) {
        this.options = options;
        this.report = report;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Args.parse(args);
        Report report = new Report(Paths.get(options.getOrDefault("out", "target/bench/server.md")));
        new ServerBenchmarks(options, report).run(Paths.get("target/bench/server"));
        System.exit(0);
    }

    private void run(Path dir) throws Exception {
        ExportBenchmarks.deleteRecursively(dir.toFile());
        Files.createDirectories(dir);
        String heap = options.getOrDefault("heap", "256m");
        Map<String, String> settings = new LinkedHashMap<>();
        // The burst should meet the server's bounded queue, not the per-user caps that would refuse it sooner.
        settings.put("kylin.query.async.max-queries-per-user", "100000");
        // One user drives every export here: let them use every thread and keep everything, as before the caps.
        settings.put("kylin.query.async.max-running-per-user", "1000");
        settings.put("kylin.query.async.max-kept-queries-per-user", "0");
        settings.put("kylin.query.async.max-kept-bytes-per-user", "0");
        settings.put("kylin.query.async.max-uploads-in-flight", "1000");
        Path conf = BenchConf.write(dir.resolve("conf"), settings);
        try (ServerProcess server = ServerProcess.start(heap, conf, dir.resolve("results").toUri().toString(),
                dir.resolve("server.log"))) {
            client = new BenchClient(server.port());
            sampler = new ProcessSampler(server.pid());
            try {
                report.line("Server: `BenchServer` in its own JVM, `-Xmx" + heap + "`, default settings but "
                        + "`max-queries-per-user=100000`, `max-uploads-in-flight=1000`, and no per-user share of "
                        + "threads or quota (one user drives every export).");
                String probe = client.submit(BenchRows.sql(1_000_000), "csv");
                JsonNode probeStatus = client.awaitTerminal(probe, 50);
                String bigResult = memoryAndDownload(dir, heap, probeStatus.path("result_bytes").asLong() / 1e6);
                client.delete(bigResult);
                long compressRows = Long.parseLong(options.getOrDefault("compress-rows", "5000000"));
                if (compressRows > 0) {
                    client.delete(new CompressedDownloads(client, server.pid(), report).measure(compressRows,
                            Integer.parseInt(options.getOrDefault("reps", "3"))));
                }
                underLoad(probe);
                if (Integer.parseInt(options.getOrDefault("burst", "1000")) > 0) {
                    burst();
                }
                boolean oom = Files.readString(dir.resolve("server.log")).contains("OutOfMemoryError");
                report.line("");
                report.line("Server alive at the end: " + server.isAlive() + "; OutOfMemoryError in its log: "
                        + oom + ".");
            } finally {
                sampler.close();
            }
        }
        // Section 5 again on servers with a heap the size of a real query server's: on the small heap above, the
        // young collections that four exports cause (every tenth of a second, a few ms each) set the tail latency.
        String loadHeap = options.getOrDefault("load-heap", "1g");
        if (!loadHeap.isEmpty()) {
            loadOnItsOwnServer(dir, loadHeap, settings, null, "5c. The same load on a server with `-Xmx" + loadHeap
                    + "`, export threads at the default `kylin.query.async.export-nice=10`");
            String compareNice = options.getOrDefault("compare-nice", "0");
            if (!compareNice.isEmpty()) {
                loadOnItsOwnServer(dir, loadHeap, settings, compareNice, "5d. As 5c with `kylin.query.async"
                        + ".export-nice=" + compareNice + "`: what the lower export priority buys");
            }
        }
    }

    /** Section 5's load with 4 exports, on a server of its own with the given heap and, if given, export-nice. */
    private void loadOnItsOwnServer(Path dir, String heap, Map<String, String> settings, String nice, String heading)
            throws Exception {
        Map<String, String> changed = new LinkedHashMap<>(settings);
        String name = "load-" + heap + (nice == null ? "" : "-nice-" + nice);
        if (nice != null) {
            changed.put("kylin.query.async.export-nice", nice);
        }
        Path conf = BenchConf.write(dir.resolve("conf-" + name), changed);
        try (ServerProcess server = ServerProcess.start(heap, conf, dir.resolve("results-" + name).toUri().toString(),
                dir.resolve("server-" + name + ".log"))) {
            client = new BenchClient(server.port());
            sampler = new ProcessSampler(server.pid());
            try {
                String probe = client.submit(BenchRows.sql(100_000), "csv");
                client.awaitTerminal(probe, 50);
                String duration = options.getOrDefault("wrk-seconds", "15") + "s";
                String[] concurrencies = options.getOrDefault("wrk-connections", "1,4,16").split(",");
                report.heading(heading);
                report.tableHeader("exports running", "connections", "query polled", "requests/s", "p50", "p90",
                        "p99", "non-2xx", "peak threads");
                Commands.run("wrk", "-t2", "-c4", "-d5s", "-H", "Authorization: " + BenchClient.AUTHORIZATION,
                        client.base() + "/" + probe + "/status");
                for (String c : concurrencies) {
                    sampler.reset();
                    wrkRow("0", c, "SUCCESSFUL", probe, duration);
                }
                statusWhileExporting(4, probe, concurrencies, duration);
            } finally {
                sampler.close();
            }
        }
    }

    private String memoryAndDownload(Path dir, String heap, double bytesPerRow) throws Exception {
        long heapBytes = parseSize(heap);
        int factor = Integer.parseInt(options.getOrDefault("factor", "20"));
        long rows = (long) Math.ceil(factor * heapBytes * 1.02 / bytesPerRow);
        sampler.reset();
        long start = System.nanoTime();
        String id = client.submit(BenchRows.sql(rows), "csv");
        JsonNode status = client.awaitTerminal(id, 500);
        double exportSeconds = (System.nanoTime() - start) / 1e9;
        if (!status.path("status").asText().equals("SUCCESSFUL")) {
            throw new IllegalStateException("The large export failed: " + status);
        }
        long bytes = status.path("result_bytes").asLong();
        long exportHeap = sampler.peakHeapBytes();
        long exportRss = sampler.peakRssBytes();

        Path file = resultFile(Paths.get(URI.create(client.resultPath(id))));
        int reps = Integer.parseInt(options.getOrDefault("reps", "3"));
        long rangeStart = bytes / 2;
        long rangeLength = Math.min(512L << 20, bytes - rangeStart);
        String range = rangeStart + "-" + (rangeStart + rangeLength - 1);
        Map<String, List<Double>> seconds = new LinkedHashMap<>();
        sampler.reset();
        try (Nginx nginx = Nginx.serve(file.getParent(), dir.resolve("nginx"))) {
            String ours = client.base() + "/" + id + "/result_download";
            String theirs = nginx.url(file.getFileName().toString());
            for (int rep = 0; rep < reps; rep++) {
                time(seconds, "ours|whole", ours, null, true, 200, bytes);
                time(seconds, "nginx|whole", theirs, null, false, 200, bytes);
                time(seconds, "ours|range", ours, range, true, 206, rangeLength);
                time(seconds, "nginx|range", theirs, range, false, 206, rangeLength);
            }
        }
        long downloadHeap = sampler.peakHeapBytes();
        long downloadRss = sampler.peakRssBytes();

        report.heading("3. Download over loopback: a " + Figures.mb(bytes) + " CSV result, median of " + reps);
        report.tableHeader("request", "result_download", "nginx, same file", "ours / nginx");
        for (String kind : new String[] {"whole", "range"}) {
            long size = kind.equals("whole") ? bytes : rangeLength;
            double ours = Figures.median(seconds.get("ours|" + kind));
            double theirs = Figures.median(seconds.get("nginx|" + kind));
            String label = kind.equals("whole") ? "whole file (200)" : "`Range: bytes=" + range + "` (206, "
                    + Figures.mb(size) + " from the middle)";
            report.row(label, Figures.mbPerSecond(size, ours), Figures.mbPerSecond(size, theirs),
                    Figures.ratio(theirs / ours));
        }
        report.heading("4. Memory: export, then download, a result " + Figures.ratio(bytes / (double) heapBytes)
                + " times the heap");
        report.tableHeader("phase", "rows", "bytes", "time", "peak heap in use", "peak RSS");
        report.row("export (CSV, file:)", Figures.count(rows), Figures.mb(bytes), Figures.seconds(exportSeconds),
                Figures.mb(exportHeap), Figures.mb(exportRss));
        report.row("downloads (section 3)", "", Figures.mb(bytes), "", Figures.mb(downloadHeap),
                Figures.mb(downloadRss));
        return id;
    }

    /** result_path names the query's folder, as in Kylin; the result is its one visible file. */
    static Path resultFile(Path folder) throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith("result.")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No result file in " + folder));
        }
    }

    private static void time(Map<String, List<Double>> seconds, String key, String url, String range,
            boolean authenticate, int expectedStatus, long expectedBytes) throws Exception {
        double[] result = Commands.curl(url, range, authenticate);
        if ((int) result[0] != expectedStatus || (long) result[1] != expectedBytes) {
            throw new IllegalStateException(key + ": HTTP " + (int) result[0] + ", " + (long) result[1]
                    + " bytes; expected " + expectedStatus + " and " + expectedBytes);
        }
        seconds.computeIfAbsent(key, k -> new ArrayList<>()).add(result[2]);
    }

    private void underLoad(String finishedQuery) throws Exception {
        String duration = options.getOrDefault("wrk-seconds", "15") + "s";
        String[] concurrencies = options.getOrDefault("wrk-connections", "1,4,16").split(",");
        report.heading("5. Under load: wrk -t2 (-t1 for one connection) -d" + duration
                + " --latency on `status`, Basic auth on every request");
        report.tableHeader("exports running", "connections", "query polled", "requests/s", "p50", "p90", "p99",
                "non-2xx", "peak threads");
        // Not reported: lets the JIT compile the status path first, as on a server that has been up a while.
        Commands.run("wrk", "-t2", "-c4", "-d5s", "-H", "Authorization: " + BenchClient.AUTHORIZATION,
                client.base() + "/" + finishedQuery + "/status");
        for (String c : concurrencies) {
            sampler.reset();
            wrkRow("0", c, "SUCCESSFUL", finishedQuery, duration);
        }
        for (String load : options.getOrDefault("load-exports", "4,1").split(",")) {
            statusWhileExporting(Integer.parseInt(load), finishedQuery, concurrencies, duration);
        }
    }

    private void statusWhileExporting(int exports, String finishedQuery, String[] concurrencies, String duration)
            throws Exception {
        List<String> running = new ArrayList<>();
        for (int i = 0; i < exports; i++) {
            running.add(client.submit(BenchRows.sql(2_000_000_000L), "csv"));
        }
        for (String id : running) {
            while (!client.status(id).has("start_time")) {
                Thread.sleep(100);
            }
        }
        try {
            for (String c : concurrencies) {
                sampler.reset();
                wrkRow(String.valueOf(exports), c, "SUCCESSFUL", finishedQuery, duration);
            }
            sampler.reset();
            wrkRow(String.valueOf(exports), concurrencies[concurrencies.length / 2], "RUNNING (with progress)",
                    running.get(0), duration);
            for (String id : running) {
                if (!client.status(id).path("status").asText().equals("RUNNING")) {
                    throw new IllegalStateException("Export " + id + " stopped during the load test");
                }
            }
        } finally {
            for (String id : running) {
                client.stop(id);
                client.delete(id);
            }
        }
    }

    private void wrkRow(String exports, String connections, String kind, String id, String duration)
            throws Exception {
        // wrk needs at least one connection per thread.
        String threads = Integer.parseInt(connections) < 2 ? "-t1" : "-t2";
        String output = Commands.run("wrk", threads, "-c" + connections, "-d" + duration, "--latency", "-H",
                "Authorization: " + BenchClient.AUTHORIZATION, client.base() + "/" + id + "/status");
        Map<String, String> percentiles = new LinkedHashMap<>();
        Matcher m = WRK_PERCENTILE.matcher(output);
        while (m.find()) {
            percentiles.put(m.group(1), m.group(2) + " " + m.group(3));
        }
        Matcher rate = WRK_RATE.matcher(output);
        Matcher errors = WRK_ERRORS.matcher(output);
        if (!rate.find() || percentiles.size() != 3) {
            throw new IllegalStateException("Could not read wrk's output:\n" + output);
        }
        report.row(exports, connections, kind, String.format(Locale.ROOT, "%,.0f", Double.parseDouble(rate.group(1))),
                percentiles.get("50"), percentiles.get("90"), percentiles.get("99"),
                errors.find() ? errors.group(1) : "0", String.valueOf(sampler.peakThreads()));
    }

    private void burst() throws Exception {
        int submissions = Integer.parseInt(options.getOrDefault("burst", "1000"));
        int clients = Integer.parseInt(options.getOrDefault("burst-clients", "50"));
        long rows = 20_000;
        sampler.reset();
        Map<Integer, Integer> byStatus = new ConcurrentHashMap<>();
        List<String> accepted = Collections.synchronizedList(new ArrayList<>());
        List<String> unclean = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> sent = new ArrayList<>();
        for (int i = 0; i < submissions; i++) {
            sent.add(pool.submit(() -> {
                BenchClient.Submitted s = client.trySubmit(BenchRows.sql(rows), "csv");
                byStatus.merge(s.httpStatus, 1, Integer::sum);
                if (s.queryId != null) {
                    accepted.add(s.queryId);
                } else if (s.httpStatus != 429 || !s.body.contains("\"code\":\"999\"")) {
                    unclean.add(s.httpStatus + " " + s.body);
                }
                return null;
            }));
        }
        for (Future<?> f : sent) {
            f.get();
        }
        double submitSeconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        int successful = 0;
        int failed = 0;
        int lost = 0;
        for (String id : accepted) {
            JsonNode status = client.awaitTerminal(id, 100);
            switch (status.path("status").asText()) {
                case "SUCCESSFUL":
                    if (status.path("result_rows").asLong() == rows) {
                        successful++;
                    } else {
                        lost++;
                    }
                    break;
                case "FAILED":
                    failed++;
                    break;
                default:
                    lost++;
            }
        }
        double allSeconds = (System.nanoTime() - start) / 1e9;
        report.heading("5b. Burst: " + submissions + " submissions of a " + Figures.count(rows)
                + "-row export from " + clients + " concurrent clients");
        report.tableHeader("submitted", "accepted (200)", "refused (429)", "other answers", "SUCCESSFUL, all rows",
                "FAILED", "lost", "all sent in", "all ended in", "peak threads");
        report.row(String.valueOf(submissions), String.valueOf(accepted.size()),
                String.valueOf(byStatus.getOrDefault(429, 0)), String.valueOf(unclean.size()),
                String.valueOf(successful), String.valueOf(failed), String.valueOf(lost),
                Figures.seconds(submitSeconds), Figures.seconds(allSeconds), String.valueOf(sampler.peakThreads()));
        if (!unclean.isEmpty()) {
            report.line("");
            report.line("First unclean answer: " + unclean.get(0));
        }
    }

    private static long parseSize(String heap) {
        String h = heap.toLowerCase(Locale.ROOT);
        long unit = h.endsWith("g") ? 1L << 30 : h.endsWith("m") ? 1L << 20 : h.endsWith("k") ? 1L << 10 : 1;
        return Long.parseLong(h.replaceAll("[^0-9]", "")) * unit;
    }
}
