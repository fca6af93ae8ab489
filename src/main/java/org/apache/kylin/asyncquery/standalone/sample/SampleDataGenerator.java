package org.apache.kylin.asyncquery.standalone.sample;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Generates the sample projects that the standalone server queries through Calcite's JDBC
 * driver ({@code jdbc:calcite:model=<out>/model.json}, connection property {@code schema} set
 * to the project) and the CSV files behind them, read by Calcite's file adapter.
 *
 * <p>Command line: {@code SampleDataGenerator [--out DIR] [--scale X]}; {@code DIR} defaults to
 * {@code test-data}, {@code X} is a positive decimal defaulting to 1. Fact tables scale
 * linearly, dimensions with the square root of the scale, calendars not at all.
 *
 * <p>Output layout under {@code DIR}: {@code model.json} plus one directory per project
 * ({@code DEFAULT}, {@code learn_kylin}, {@code ssb}, {@code tpch_kap_24}) holding one
 * {@code <TABLE>.csv} per table. Existing files of the same names are overwritten; nothing else
 * in {@code DIR} is touched, so stale CSV files from other layouts must be removed by hand
 * (the adapter would expose them as tables).
 *
 * <p>Determinism: for a given scale the output is identical byte for byte on every run and
 * JVM: fixed per-table seeds for {@link java.util.Random} (whose algorithm is specified), no
 * default locale, time zone or charset involved, {@code \n} line endings, fixed table order,
 * and no floating-point values formatted at run time.
 *
 * <p>How calcite-file 1.37 reads the CSV cells back:
 * <ul>
 *   <li>Header cells are {@code NAME:type}; DECIMAL must be written {@code NAME:"decimal(p,s)"}.</li>
 *   <li>An empty cell is SQL NULL for BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, REAL, DOUBLE,
 *       DECIMAL, DATE, TIME and TIMESTAMP, but the empty string for VARCHAR (quoted or not), so
 *       VARCHAR columns can never be NULL; an empty CHAR(1) cell reads as a single space.</li>
 *   <li>An unparsable DATE/TIME/TIMESTAMP cell silently reads as NULL; BOOLEAN reads anything
 *       but {@code true} (any case) as false.</li>
 *   <li>Quoted values may span lines, but CR and CRLF inside them read back as LF.</li>
 *   <li>A backslash is an escape character, so it is written doubled.</li>
 * </ul>
 */
public final class SampleDataGenerator {

    /** Output directory used when {@code --out} is not given. */
    public static final String DEFAULT_OUTPUT = "test-data";

    private static final String USAGE = "usage: SampleDataGenerator [--out DIR] [--scale X]\n"
            + "  --out DIR    output directory (default: " + DEFAULT_OUTPUT + ")\n"
            + "  --scale X    positive decimal; fact rows grow linearly with it (default: 1)";

    private SampleDataGenerator() {
    }

    /** The projects in model order; the first is the model's default schema. */
    static List<SampleProject> projects() {
        return Collections.unmodifiableList(Arrays.<SampleProject>asList(
                new DefaultProject(), new LearnKylinProject(), new SsbProject(), new TpchProject()));
    }

    /**
     * Writes {@code model.json} and every project's CSV files under {@code outputDirectory},
     * creating directories as needed.
     *
     * @param scale a positive factor for the row counts
     * @return one line per table written ({@code <schema>/<TABLE>.csv <rows> rows}), in order
     * @throws IllegalArgumentException if {@code scale} is not positive
     */
    public static List<String> generate(Path outputDirectory, BigDecimal scale) throws IOException {
        Scale parsed = Scale.parse(scale.toPlainString());
        List<SampleProject> projects = projects();
        List<String> summary = new ArrayList<>();
        for (SampleProject project : projects) {
            CsvTableWriter.SchemaDirectory directory =
                    new CsvTableWriter.SchemaDirectory(outputDirectory.resolve(project.schemaName()));
            project.writeTables(directory, parsed);
            for (CsvTableWriter table : directory.tables()) {
                summary.add(String.format(Locale.ROOT, "%s/%s.csv %d rows",
                        project.schemaName(), table.table(), table.rowCount()));
            }
        }
        CalciteModelWriter.write(outputDirectory, projects.get(0).schemaName(), projects);
        return summary;
    }

    /** Command-line entry point; exits with status 2 on bad arguments, 1 on I/O failure. */
    public static void main(String[] args) {
        PrintStream out = System.out;
        Path outputDirectory = Paths.get(DEFAULT_OUTPUT);
        Scale scale = Scale.ONE;
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if ("-h".equals(arg) || "--help".equals(arg)) {
                    out.println(USAGE);
                    return;
                } else if ("--out".equals(arg) || "--scale".equals(arg)) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(arg + " needs a value");
                    }
                    String value = args[++i];
                    if ("--out".equals(arg)) {
                        outputDirectory = Paths.get(value);
                    } else {
                        scale = Scale.parse(value);
                    }
                } else if (arg.startsWith("--out=")) {
                    outputDirectory = Paths.get(arg.substring("--out=".length()));
                } else if (arg.startsWith("--scale=")) {
                    scale = Scale.parse(arg.substring("--scale=".length()));
                } else {
                    throw new IllegalArgumentException("unknown argument: " + arg);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        try {
            for (String line : generate(outputDirectory, scale.factor())) {
                out.println(line);
            }
            out.println("wrote " + outputDirectory.resolve(CalciteModelWriter.FILE_NAME)
                    + " (scale " + scale + ")");
        } catch (IOException e) {
            System.err.println("failed to write sample data to " + outputDirectory + ": " + e);
            System.exit(1);
        }
    }
}
