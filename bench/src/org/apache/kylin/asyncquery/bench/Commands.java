package org.apache.kylin.asyncquery.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Runs a command-line tool (curl, wrk) and returns what it printed. */
final class Commands {
    private Commands() {
    }

    static String run(String... command) throws IOException, InterruptedException {
        return run(Arrays.asList(command));
    }

    static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        int exit = process.waitFor();
        String text = new String(output, StandardCharsets.UTF_8);
        if (exit != 0) {
            throw new IOException(String.join(" ", command) + " exited " + exit + ": " + text);
        }
        return text;
    }

    /** One curl transfer to /dev/null: {HTTP status, bytes, seconds}. */
    static double[] curl(String url, String range, boolean authenticate) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(Arrays.asList("curl", "-s", "-o", "/dev/null", "-w",
                "%{http_code} %{size_download} %{time_total}"));
        if (authenticate) {
            command.add("-H");
            command.add("Authorization: " + BenchClient.AUTHORIZATION);
        }
        if (range != null) {
            command.add("-r");
            command.add(range);
        }
        command.add(url);
        String[] parts = run(command).trim().split(" ");
        return new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), Double.parseDouble(parts[2])};
    }
}
