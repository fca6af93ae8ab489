package org.apache.kylin.asyncquery.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The cases of {@link XlsxWriterBenchmark} round-robin in one JVM, for a machine shared with other work: each round
 * writes the rows once per case, timed by this thread's CPU time (which other processes' load changes far less than
 * wall time), and each case is reported as its median rows per CPU second and its median ratio to the first case
 * within the same round. Run: bench/xlsx-knobs [--rounds 15] [--warmup 5] CASE... where a CASE is {@code ours} or
 * {@code fastexcel[:level=2,strings=inline,flushRows=1000,styles=run]}.
 */
public final class XlsxKnobs {
    private XlsxKnobs() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = 15;
        int warmup = 5;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--rounds")) {
                rounds = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--warmup")) {
                warmup = Integer.parseInt(args[++i]);
            } else {
                names.add(args[i]);
            }
        }
        List<XlsxWriterBenchmark> cases = new ArrayList<>();
        for (String name : names) {
            cases.add(parse(name));
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[][] rowsPerCpuSecond = new double[cases.size()][rounds];
        long[] bytes = new long[cases.size()];
        for (int round = -warmup; round < rounds; round++) {
            for (int c = 0; c < cases.size(); c++) {
                long start = threads.getCurrentThreadCpuTime();
                bytes[c] = cases.get(c).writeRows();
                long cpu = threads.getCurrentThreadCpuTime() - start;
                if (round >= 0) {
                    rowsPerCpuSecond[c][round] = XlsxWriterBenchmark.ROWS / (cpu / 1e9);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%-60s %14s %18s %12s%n", "case", "rows/CPU s", "ratio to first", "bytes");
        for (int c = 0; c < cases.size(); c++) {
            double[] ratios = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                ratios[round] = rowsPerCpuSecond[c][round] / rowsPerCpuSecond[0][round];
            }
            System.out.printf(Locale.ROOT, "%-60s %,14.0f %11.2f (%.2f-%.2f) %,12d%n", names.get(c),
                    median(rowsPerCpuSecond[c]), median(ratios), min(ratios), max(ratios), bytes[c]);
        }
    }

    private static XlsxWriterBenchmark parse(String name) {
        XlsxWriterBenchmark bench = new XlsxWriterBenchmark();
        String[] parts = name.split(":", 2);
        bench.writer = parts[0];
        bench.level = 4;
        bench.strings = "shared";
        bench.flushRows = 1000;
        bench.styles = "cell";
        if (parts.length == 2) {
            for (String setting : parts[1].split(",")) {
                String[] kv = setting.split("=", 2);
                switch (kv[0]) {
                    case "level":
                        bench.level = Integer.parseInt(kv[1]);
                        break;
                    case "strings":
                        bench.strings = kv[1];
                        break;
                    case "flushRows":
                        bench.flushRows = Integer.parseInt(kv[1]);
                        break;
                    case "styles":
                        bench.styles = kv[1];
                        break;
                    default:
                        throw new IllegalArgumentException("unknown setting " + kv[0]);
                }
            }
        }
        bench.setUp();
        return bench;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }
}
