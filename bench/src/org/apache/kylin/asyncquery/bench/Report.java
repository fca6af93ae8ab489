package org.apache.kylin.asyncquery.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Markdown for docs/BENCHMARKS.md, printed as it is made and appended to a file. */
final class Report {
    private final Path file;

    Report(Path file) throws IOException {
        this.file = file;
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.deleteIfExists(file);
    }

    void line(String text) throws IOException {
        System.out.println(text);
        System.out.flush();
        Files.write(file, (text + "\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    void heading(String text) throws IOException {
        line("");
        line("### " + text);
        line("");
    }

    void tableHeader(String... cells) throws IOException {
        row(cells);
        StringBuilder rule = new StringBuilder("|");
        for (int i = 0; i < cells.length; i++) {
            rule.append("---|");
        }
        line(rule.toString());
    }

    void row(String... cells) throws IOException {
        line("| " + String.join(" | ", cells) + " |");
    }
}
