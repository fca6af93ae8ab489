package org.apache.kylin.asyncquery.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kylin.asyncquery.standalone.StandaloneOptions;
import org.apache.kylin.asyncquery.standalone.StandaloneServer;
import org.apache.kylin.asyncquery.testing.MiniHdfsExtension;
import org.apache.kylin.rest.asyncquery.engine.JdbcQueryEngine;
import org.apache.kylin.rest.asyncquery.engine.PagingClauses;
import org.apache.kylin.rest.asyncquery.engine.QuerySpec;
import org.apache.kylin.rest.asyncquery.engine.RowSink;
import org.apache.kylin.rest.asyncquery.vocabulary.CancellationToken;
import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;

/**
 * Measurements 1, 2 and 6, in one JVM: the export servers (one on {@code file:}, one on a MiniDFSCluster) run
 * in-process beside the baseline, so export and drain share a JVM, a JIT and a machine state.
 *
 * <ul>
 *   <li>Overhead: submit-to-SUCCESSFUL over HTTP, divided by the time to drain the same result set through the
 *       same engine, reading every value the same way, into a sink that discards it.</li>
 *   <li>Anchor: DuckDB's own {@code COPY (...) TO 'x.csv'} of the same rows.</li>
 *   <li>Parquet per codec: each {@code compression} the submit offers for Parquet, its export time against the
 *       {@code file:} drain and the size of the file it wrote.</li>
 *   <li>Scaling: CSV export time for 1, 2, 4 and 8 million rows, and the fitted line.</li>
 * </ul>
 * Each figure is the median of the repetitions, which alternate between the things compared.
 */
public final class ExportBenchmarks {
    private static final int FETCH_SIZE = 1000;
    private static final String HDFS_OWN_JVM = "HDFS (MiniDFSCluster in its own JVM)";

    private final long rows;
    private final int repetitions;
    private final List<String> formats;
    private final List<String> hdfsFormats;
    private final List<String> parquetCodecs;
    private final long[] scalingRows;
    private final boolean withHdfs;
    private final boolean hdfsInOwnJvm;
    private final Map<String, Double> clusterCpuSeconds = new LinkedHashMap<>();
    private final Map<String, Double> serverCpuSeconds = new LinkedHashMap<>();
    private final int ssbScale;
    private final boolean writerThread;
    private final Report report;

    private ExportBenchmarks(long rows, int repetitions, List<String> formats, List<String> parquetCodecs,
            long[] scalingRows, boolean withHdfs, List<String> hdfsFormats, boolean hdfsInOwnJvm, int ssbScale,
            boolean writerThread, Report report) {
        this.parquetCodecs = parquetCodecs;
        this.writerThread = writerThread;
        this.withHdfs = withHdfs;
        this.hdfsInOwnJvm = hdfsInOwnJvm;
        this.ssbScale = ssbScale;
        this.rows = rows;
        this.repetitions = repetitions;
        this.formats = formats;
        this.hdfsFormats = hdfsFormats;
        this.scalingRows = scalingRows;
        this.report = report;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Args.parse(args);
        // One DuckDB thread a query, as in bench/server-load: the row source stands in for an engine whose work is
        // done elsewhere (a Kylin host's Spark executors), so the drain is the reading alone and the export's
        // writer thread does not share the second core with DuckDB's workers. 0: DuckDB's default.
        String duckDbThreads = options.getOrDefault("duckdb-threads", "1");
        if (!"0".equals(duckDbThreads)) {
            System.setProperty("bench.duckdb.threads", duckDbThreads);
        }
        long rows = Long.parseLong(options.getOrDefault("rows", "5000000"));
        int repetitions = Integer.parseInt(options.getOrDefault("reps", "3"));
        List<String> formats = Arrays.asList(options.getOrDefault("formats", "csv,json,xlsx,parquet").split(","));
        // "-" measures no codec.
        List<String> parquetCodecs = Arrays.stream(options.getOrDefault("parquet-codecs", "snappy,zstd,gzip,none")
                .split(",")).filter(codec -> !codec.equals("-")).collect(java.util.stream.Collectors.toList());
        long[] scaling = Arrays.stream(options.getOrDefault("scaling", "1000000,2000000,4000000,8000000").split(","))
                .mapToLong(Long::parseLong).toArray();
        Path out = Paths.get(options.getOrDefault("out", "target/bench/export.md"));
        boolean withHdfs = Boolean.parseBoolean(options.getOrDefault("hdfs", "true"));
        int ssbScale = Integer.parseInt(options.getOrDefault("ssb-scale", "50"));
        boolean hdfsInOwnJvm = !"same".equals(options.getOrDefault("hdfs-jvm", "own"));
        List<String> hdfsFormats = Arrays.asList(options.getOrDefault("hdfs-formats", "csv").split(","));
        new ExportBenchmarks(rows, repetitions, formats, parquetCodecs, scaling, withHdfs, hdfsFormats, hdfsInOwnJvm,
                ssbScale,
                Boolean.parseBoolean(options.getOrDefault("writer-thread", "true")), new Report(out))
                .run(Paths.get("target/bench/export"));
        System.exit(0);
    }

    private void run(Path dir) throws Exception {
        deleteRecursively(dir.toFile());
        Files.createDirectories(dir);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("kylin.query.async.fetch-size", String.valueOf(FETCH_SIZE));
        settings.put("kylin.query.async.writer-thread", String.valueOf(writerThread));
        settings.put("kylin.query.async.max-kept-bytes-per-user", "0");
        Path conf = BenchConf.write(dir.resolve("conf"), settings);
        Map<String, Double> drains = new LinkedHashMap<>();
        Map<String, Double> exports = new LinkedHashMap<>();
        Map<String, Double> codecExports = new LinkedHashMap<>();
        Map<String, Long> codecBytes = new LinkedHashMap<>();
        List<Double> copies = new ArrayList<>();
        // One storage at a time: an in-process MiniDFSCluster takes CPU of its own, which is HDFS's cost only.
        try (StandaloneServer onFile = start(conf, dir.resolve("results").toUri().toString())) {
            BenchClient client = new BenchClient(onFile.port());
            measureStorage("file:", client, drains, exports, copies, dir, null, codecExports, codecBytes);
            if (withHdfs && hdfsInOwnJvm) {
                try (HdfsProcess hdfs = HdfsProcess.start(dir.resolve("hdfs.log"));
                        StandaloneServer onHdfs = start(conf, hdfs.uri() + "/kylin/async")) {
                    measureStorage(HDFS_OWN_JVM, new BenchClient(onHdfs.port()), drains, exports, null, dir,
                            hdfs::cpuNanos, null, null);
                }
            } else if (withHdfs) {
                try (MiniHdfsExtension hdfs = new MiniHdfsExtension().start();
                        StandaloneServer onHdfs = start(conf, hdfs.uri() + "/kylin/async")) {
                    measureStorage("HDFS (MiniDFSCluster in this JVM)", new BenchClient(onHdfs.port()), drains,
                            exports, null, dir, null, null, null);
                }
            }
            report(drains, exports, copies);
            reportCodecs(drains.get("file:"), codecExports, codecBytes);
            measureScaling(client);
        }
        if (ssbScale > 0) {
            measureSsb(dir, conf);
        }
    }

    /** The realistic case: the standalone server's own Calcite engine over the ssb sample at a larger scale. */
    private void measureSsb(Path dir, Path conf) throws Exception {
        Path data = dir.resolve("ssb-data");
        org.apache.kylin.asyncquery.standalone.sample.SampleDataGenerator.main(
                new String[] {"--scale", String.valueOf(ssbScale), "--out", data.toString()});
        String sql = "SELECT LO_ORDERKEY, LO_LINENUMBER, D_DATE, D_YEAR, C_NAME, C_NATION, LO_QUANTITY,"
                + " LO_EXTENDEDPRICE, LO_REVENUE, LO_SHIPMODE FROM P_LINEORDER"
                + " JOIN DATES ON LO_ORDERDATE = D_DATEKEY JOIN CUSTOMER ON LO_CUSTKEY = C_CUSTKEY";
        JdbcQueryEngine calcite = new JdbcQueryEngine(
                new org.apache.kylin.asyncquery.standalone.CalciteProjectConnections(data.resolve("model.json")),
                FETCH_SIZE);
        List<Double> drains = new ArrayList<>();
        List<Double> exports = new ArrayList<>();
        long[] rowCount = {0};
        try (StandaloneServer server = StandaloneServer.start(new StandaloneOptions(0,
                dir.resolve("ssb-results").toUri().toString(), conf, data))) {
            BenchClient client = new BenchClient(server.port());
            client.setProject("ssb");
            exportSeconds(client, sql, "csv");
            for (int rep = 0; rep < repetitions; rep++) {
                drains.add(drainSeconds(calcite, "ssb", sql, rowCount));
                exports.add(exportSeconds(client, sql, "csv"));
            }
        }
        double drain = Figures.median(drains);
        double export = Figures.median(exports);
        report.heading("1b. Realistic case: Calcite over the ssb sample at scale " + ssbScale + ", median of "
                + repetitions);
        report.line("`" + sql + "`: " + Figures.count(rowCount[0]) + " rows, CSV export on file:.");
        report.line("");
        report.tableHeader("drain", "export", "export / drain");
        report.row(Figures.seconds(drain), Figures.seconds(export), Figures.ratio(export / drain));
    }

    private static StandaloneServer start(Path conf, String workingDir) throws Exception {
        return StandaloneServer.start(new StandaloneOptions(0, workingDir, conf, Paths.get("test-data")),
                BenchEngineConfig.class);
    }

    /**
     * Repetitions of: drain, then each format's export (and DuckDB's COPY when {@code copies} is given, and a
     * Parquet export per codec when {@code codecExports} is). With {@code clusterCpu}, the storage's own process's
     * CPU time during each export is kept too.
     */
    private void measureStorage(String storage, BenchClient client, Map<String, Double> drains,
            Map<String, Double> exports, List<Double> copies, Path dir, LongSupplier clusterCpu,
            Map<String, Double> codecExports, Map<String, Long> codecBytes) throws Exception {
        List<String> formats = storage.equals("file:") ? this.formats : hdfsFormats;
        for (String format : formats) {
            exportSeconds(client, 200_000, format);
        }
        List<String> codecs = codecExports == null ? List.of() : parquetCodecs;
        for (String codec : codecs) {
            parquetExport(client, 200_000, codec);
        }
        Map<String, List<Double>> codecTimes = new LinkedHashMap<>();
        drainSeconds(1_000_000);
        List<Double> drainTimes = new ArrayList<>();
        Map<String, List<Double>> exportTimes = new LinkedHashMap<>();
        Map<String, List<Double>> clusterSeconds = new LinkedHashMap<>();
        Map<String, List<Double>> serverSeconds = new LinkedHashMap<>();
        for (int rep = 0; rep < repetitions; rep++) {
            drainTimes.add(drainSeconds(rows));
            for (String format : formats) {
                long clusterBefore = clusterCpu == null ? 0 : clusterCpu.getAsLong();
                long serverBefore = CpuTime.process();
                exportTimes.computeIfAbsent(format, k -> new ArrayList<>()).add(exportSeconds(client, rows, format));
                serverSeconds.computeIfAbsent(format, k -> new ArrayList<>())
                        .add((CpuTime.process() - serverBefore) / 1e9);
                if (clusterCpu != null) {
                    clusterSeconds.computeIfAbsent(format, k -> new ArrayList<>())
                            .add((clusterCpu.getAsLong() - clusterBefore) / 1e9);
                }
            }
            for (String codec : codecs) {
                ParquetExport export = parquetExport(client, rows, codec);
                codecTimes.computeIfAbsent(codec, k -> new ArrayList<>()).add(export.seconds());
                codecBytes.put(codec, export.bytes());
            }
            if (copies != null) {
                copies.add(duckDbCopySeconds(rows, dir.resolve("copy.csv")));
            }
            System.out.println(storage + ": repetition " + (rep + 1) + " of " + repetitions + " done");
        }
        drains.put(storage, Figures.median(drainTimes));
        exportTimes.forEach((format, times) -> exports.put(storage + "|" + format, Figures.median(times)));
        clusterSeconds.forEach((format, times) -> clusterCpuSeconds.put(format, Figures.median(times)));
        serverSeconds.forEach((format, times) -> serverCpuSeconds.put(storage + "|" + format, Figures.median(times)));
        codecTimes.forEach((codec, times) -> codecExports.put(codec, Figures.median(times)));
    }

    private void reportCodecs(double drain, Map<String, Double> exports, Map<String, Long> bytes) throws Exception {
        if (exports.isEmpty()) {
            return;
        }
        report.heading("1c. Parquet per codec: " + Figures.count(rows) + " rows on file:, median of " + repetitions);
        report.line("The submit's `compression` for Parquet; the same rows and the same file: drain as table 1.");
        report.line("");
        report.tableHeader("compression", "export", "rows/s", "export / drain", "file size", "bytes per row");
        for (Map.Entry<String, Double> export : exports.entrySet()) {
            double seconds = export.getValue();
            long size = bytes.get(export.getKey());
            report.row(export.getKey(), Figures.seconds(seconds), Figures.rowsPerSecond(rows, seconds),
                    Figures.ratio(seconds / drain), Figures.mb(size),
                    String.format(java.util.Locale.ROOT, "%.1f", (double) size / rows));
        }
    }

    /** A Parquet export's time, submit to SUCCESSFUL, and the size of the file it wrote. */
    private record ParquetExport(double seconds, long bytes) {
    }

    private static ParquetExport parquetExport(BenchClient client, long n, String codec) throws Exception {
        long start = System.nanoTime();
        String id = client.submit(BenchRows.sql(n), "parquet", Map.of("compression", codec));
        JsonNode status = client.awaitTerminal(id, 25);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!status.path("status").asText().equals("SUCCESSFUL")) {
            throw new IllegalStateException("Parquet export with " + codec + " failed: " + status);
        }
        long size = status.path("result_bytes").asLong();
        client.delete(id);
        return new ParquetExport(seconds, size);
    }

    private void report(Map<String, Double> drains, Map<String, Double> exports, List<Double> copies)
            throws Exception {
        report.heading("1. Export overhead: " + Figures.count(rows) + " rows, 8 columns, median of " + repetitions);
        report.line("Each storage is measured alone, against a drain measured in the same phase: the same engine"
                + " and reads, rows discarded.");
        report.line("");
        report.tableHeader("storage", "format", "drain", "export", "rows/s", "export / drain");
        for (Map.Entry<String, Double> export : exports.entrySet()) {
            String[] key = export.getKey().split("\\|");
            double drain = drains.get(key[0]);
            double seconds = export.getValue();
            report.row(key[0], key[1], Figures.seconds(drain), Figures.seconds(seconds),
                    Figures.rowsPerSecond(rows, seconds), Figures.ratio(seconds / drain));
        }
        for (Map.Entry<String, Double> cluster : clusterCpuSeconds.entrySet()) {
            Double export = exports.get(HDFS_OWN_JVM + "|" + cluster.getKey());
            report.line("");
            report.line("HDFS, " + cluster.getKey() + ": the NameNode and DataNode, in a JVM of their own, used "
                    + Figures.seconds(cluster.getValue()) + " of CPU per export (median), "
                    + Figures.ratio(cluster.getValue() / export) + " cores over the export's "
                    + Figures.seconds(export) + "; on a cluster that is the DataNodes' machines' CPU, not the "
                    + "server's. The server's own JVM (engine, writer and HDFS client) used "
                    + Figures.seconds(serverCpuSeconds.get(HDFS_OWN_JVM + "|" + cluster.getKey()))
                    + " of CPU per export on HDFS against "
                    + Figures.seconds(serverCpuSeconds.getOrDefault("file:|" + cluster.getKey(), Double.NaN))
                    + " on file:.");
        }
        Double csv = exports.get("file:|csv");
        if (csv == null || copies.isEmpty()) {
            return;
        }
        double copy = Figures.median(copies);
        report.heading("2. Native-engine anchor: DuckDB COPY TO csv, same " + Figures.count(rows) + " rows");
        report.tableHeader("writer", "time", "rows/s", "ours / DuckDB (throughput)");
        report.row("async CSV export on file: (HTTP submit to SUCCESSFUL)", Figures.seconds(csv),
                Figures.rowsPerSecond(rows, csv), Figures.ratio(copy / csv));
        report.row("DuckDB `COPY (SELECT ...) TO 'x.csv' (HEADER)` in the same JVM", Figures.seconds(copy),
                Figures.rowsPerSecond(rows, copy), "1.00");
    }

    private void measureScaling(BenchClient client) throws Exception {
        Map<Long, List<Double>> times = new LinkedHashMap<>();
        for (int rep = 0; rep < repetitions; rep++) {
            for (long n : scalingRows) {
                times.computeIfAbsent(n, k -> new ArrayList<>()).add(exportSeconds(client, n, "csv"));
            }
        }
        double[] x = new double[scalingRows.length];
        double[] y = new double[scalingRows.length];
        report.heading("6. Scaling: CSV export on file:, median of " + repetitions);
        report.tableHeader("rows", "export", "seconds per million rows");
        for (int i = 0; i < scalingRows.length; i++) {
            x[i] = scalingRows[i] / 1e6;
            y[i] = Figures.median(times.get(scalingRows[i]));
            report.row(Figures.count(scalingRows[i]), Figures.seconds(y[i]), Figures.seconds(y[i] / x[i]));
        }
        double[] fit = Figures.linearFit(x, y);
        report.line("");
        report.line(String.format(java.util.Locale.ROOT,
                "Fitted line: %.3f s per million rows, intercept %.2f s, R² = %.4f.", fit[0], fit[1], fit[2]));
    }

    /** Submit to SUCCESSFUL over HTTP; the result is then deleted, so runs do not fill the disk. */
    private static double exportSeconds(BenchClient client, long n, String format) throws Exception {
        return exportSeconds(client, BenchRows.sql(n), format);
    }

    private static double exportSeconds(BenchClient client, String sql, String format) throws Exception {
        long cpu = CpuTime.process();
        long start = System.nanoTime();
        String id = client.submit(sql, format);
        JsonNode status = client.awaitTerminal(id, 25);
        double seconds = (System.nanoTime() - start) / 1e9;
        CpuTime.log(format + " export of " + status.path("result_rows").asLong(), seconds,
                CpuTime.process() - cpu);
        if (!status.path("status").asText().equals("SUCCESSFUL")) {
            throw new IllegalStateException("Export failed: " + status);
        }
        client.delete(id);
        return seconds;
    }

    private static double drainSeconds(long n) throws Exception {
        long[] count = {0};
        double seconds = drainSeconds(new JdbcQueryEngine(new BenchRows(), FETCH_SIZE), BenchRows.PROJECT,
                BenchRows.sql(n), count);
        if (count[0] != n) {
            throw new IllegalStateException("Drained " + count[0] + " rows, expected " + n);
        }
        return seconds;
    }

    private static double drainSeconds(JdbcQueryEngine engine, String project, String sql, long[] count)
            throws Exception {
        count[0] = 0;
        RowSink discard = new RowSink() {
            @Override
            public void start(List<ColumnMeta> columns) {
            }

            @Override
            public void row(Object[] values) {
                count[0]++;
            }
        };
        long cpu = CpuTime.process();
        long start = System.nanoTime();
        engine.execute(new QuerySpec("ADMIN", project, sql, 0, 0, PagingClauses.NONE), discard,
                new CancellationToken());
        double seconds = (System.nanoTime() - start) / 1e9;
        CpuTime.log("drain of " + count[0], seconds, CpuTime.process() - cpu);
        return seconds;
    }

    private static double duckDbCopySeconds(long n, Path file) throws Exception {
        long start = System.nanoTime();
        try (Connection connection = BenchRows.connectWithDefaultThreads();
                Statement statement = connection.createStatement()) {
            statement.execute("COPY (" + BenchRows.sql(n) + ") TO '" + file.toAbsolutePath() + "' (HEADER)");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Files.delete(file);
        return seconds;
    }

    static void deleteRecursively(File file) {
        File[] children = file.listFiles();
        if (children != null) {
            for (File child : children) {
                deleteRecursively(child);
            }
        }
        file.delete();
    }
}
