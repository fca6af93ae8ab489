package org.apache.kylin.asyncquery.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compressed downloads per core: the server's on-the-fly zstd and gzip (and the stored-compressed results, sent as
 * they are) against {@code zstd -1} and {@code gzip -1} compressing the same file. The server's figure is the
 * uncompressed bytes over the CPU seconds its JVM spent on that request (/proc, user plus system), so a second
 * core does not flatter it; the tools' is the same bytes over their own CPU seconds (bash's {@code times}).
 */
final class CompressedDownloads {
    private static final String[] CODINGS = {"zstd", "gzip"};

    private final BenchClient client;
    private final long serverPid;
    private final Report report;
    private final double ticksPerSecond;

    CompressedDownloads(BenchClient client, long serverPid, Report report) throws Exception {
        this.client = client;
        this.serverPid = serverPid;
        this.report = report;
        this.ticksPerSecond = Double.parseDouble(Commands.run("getconf", "CLK_TCK").trim());
    }

    /** Exports {@code rows} rows of CSV, then measures; returns the query to delete. */
    String measure(long rows, int reps) throws Exception {
        String id = client.submit(BenchRows.sql(rows), "csv");
        if (!client.awaitTerminal(id, 500).path("status").asText().equals("SUCCESSFUL")) {
            throw new IllegalStateException("The export for the compressed downloads failed");
        }
        Path file = ServerBenchmarks.resultFile(Paths.get(java.net.URI.create(client.resultPath(id))));
        long bytes = Files.size(file);
        String url = client.base() + "/" + id + "/result_download";
        Map<String, List<double[]>> runs = new LinkedHashMap<>();
        for (int rep = 0; rep < reps; rep++) {
            for (String coding : CODINGS) {
                runs.computeIfAbsent("ours|" + coding, k -> new ArrayList<>()).add(ours(url, coding));
                runs.computeIfAbsent("tool|" + coding, k -> new ArrayList<>()).add(tool(coding, file));
            }
        }
        report.heading("3b. Compressed downloads per core: a " + Figures.mb(bytes) + " CSV result, median of "
                + reps);
        report.line("MB are of the uncompressed text. \"Per core\" divides by the CPU seconds of the server's JVM "
                + "during the request, or of the tool.");
        report.tableHeader("coding", "result_download, per core", "its wall clock", "sent", "same file, `"
                + "<tool> -1`, per core", "its output", "ours / tool (per core)");
        for (String coding : CODINGS) {
            double[] ours = medians(runs.get("ours|" + coding));
            double[] tool = medians(runs.get("tool|" + coding));
            report.row(coding, Figures.mbPerSecond(bytes, ours[1]), Figures.mbPerSecond(bytes, ours[0]),
                    Figures.mb(ours[2]), Figures.mbPerSecond(bytes, tool[1]), Figures.mb(tool[2]),
                    Figures.ratio(tool[1] / ours[1]));
        }
        return id;
    }

    /** One download with that coding to /dev/null: {wall seconds, server CPU seconds, bytes sent}. */
    private double[] ours(String url, String coding) throws Exception {
        long before = serverCpuTicks();
        String[] out = Commands.run("curl", "-s", "-o", "/dev/null", "-w", "%{http_code} %{size_download} "
                + "%{time_total} %header{content-encoding}", "-H", "Authorization: " + BenchClient.AUTHORIZATION,
                "-H", "Accept-Encoding: " + coding, url).trim().split(" ");
        long after = serverCpuTicks();
        if (!out[0].equals("200") || out.length < 4 || !out[3].equals(coding)) {
            throw new IllegalStateException("A " + coding + " download answered " + Arrays.toString(out));
        }
        return new double[] {Double.parseDouble(out[2]), (after - before) / ticksPerSecond,
                Double.parseDouble(out[1])};
    }

    /** The tool at level 1 on the file to a counter: {wall seconds, CPU seconds, bytes out}. */
    private static double[] tool(String coding, Path file) throws Exception {
        long start = System.nanoTime();
        String script = coding + " -1 -c \"$1\" | wc -c; times";
        String[] lines = Commands.run("bash", "-c", script, "bench", file.toString()).trim().split("\n");
        double wall = (System.nanoTime() - start) / 1e9;
        // times: the shell's own user and system time, then its children's (the tool, and wc, which is cheap).
        String[] children = lines[lines.length - 1].trim().split("\\s+");
        double cpu = minutesSeconds(children[0]) + minutesSeconds(children[1]);
        return new double[] {wall, cpu, Double.parseDouble(lines[0].trim())};
    }

    /** bash's "1m2.345s". */
    private static double minutesSeconds(String text) {
        int m = text.indexOf('m');
        return Double.parseDouble(text.substring(0, m)) * 60
                + Double.parseDouble(text.substring(m + 1, text.length() - 1));
    }

    private long serverCpuTicks() throws IOException {
        String stat = Files.readString(Paths.get("/proc", String.valueOf(serverPid), "stat"));
        // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th of them.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static double[] medians(List<double[]> runs) {
        double[] medians = new double[runs.get(0).length];
        for (int i = 0; i < medians.length; i++) {
            List<Double> values = new ArrayList<>();
            for (double[] run : runs) {
                values.add(run[i]);
            }
            medians[i] = Figures.median(values);
        }
        return medians;
    }
}
