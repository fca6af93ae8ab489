package org.apache.kylin.asyncquery.standalone.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleDataGeneratorTest {

    /** The committed output; Surefire runs tests from the project directory. */
    static final Path COMMITTED = Paths.get("test-data").toAbsolutePath();

    @TempDir
    Path temp;

    @Test
    void scaleOneReproducesCommittedTestDataByteForByte() throws IOException {
        Path generated = temp.resolve("scale1");
        SampleDataGenerator.generate(generated, BigDecimal.ONE);

        TreeMap<String, byte[]> expected = readTree(COMMITTED);
        TreeMap<String, byte[]> actual = readTree(generated);
        assertThat(actual.keySet())
                .as("files under %s (regenerate with bin/generate-test-data)", COMMITTED)
                .containsExactlyElementsOf(expected.keySet());
        for (String file : expected.keySet()) {
            assertThat(firstDifference(expected.get(file), actual.get(file)))
                    .as("%s differs from the committed copy; regenerate with bin/generate-test-data", file)
                    .isNull();
        }
    }

    @Test
    void generatingTwiceGivesIdenticalBytes() throws IOException {
        SampleDataGenerator.generate(temp.resolve("a"), new BigDecimal("0.5"));
        SampleDataGenerator.generate(temp.resolve("b"), new BigDecimal("0.5"));

        TreeMap<String, byte[]> first = readTree(temp.resolve("a"));
        TreeMap<String, byte[]> second = readTree(temp.resolve("b"));
        assertThat(second.keySet()).containsExactlyElementsOf(first.keySet());
        for (String file : first.keySet()) {
            assertThat(firstDifference(first.get(file), second.get(file))).as(file).isNull();
        }
    }

    @Test
    void scaleTwoDoublesFactRowsAndGrowsDimensionsSubLinearly() throws IOException {
        Path out = temp.resolve("scale2");
        List<String> summary = SampleDataGenerator.generate(out, new BigDecimal("2"));

        assertThat(dataLines(out.resolve("learn_kylin/KYLIN_SALES.csv"))).isEqualTo(20000);
        assertThat(dataLines(out.resolve("ssb/P_LINEORDER.csv"))).isEqualTo(40000);
        assertThat(dataLines(out.resolve("tpch_kap_24/LINEITEM.csv"))).isEqualTo(12000);
        assertThat(dataLines(out.resolve("DEFAULT/TEST_KYLIN_FACT.csv"))).isEqualTo(2000);
        // round(1000 * sqrt(2)); calendars and the type sample do not scale.
        assertThat(dataLines(out.resolve("learn_kylin/KYLIN_ACCOUNT.csv"))).isEqualTo(1414);
        assertThat(dataLines(out.resolve("learn_kylin/KYLIN_CAL_DT.csv"))).isEqualTo(731);
        assertThat(summary).contains("learn_kylin/KYLIN_SALES.csv 20000 rows",
                "DEFAULT/TYPE_SAMPLE.csv 20 rows");
    }

    @Test
    void committedModelDeclaresEveryProjectRelativeToItsOwnFolder() throws IOException {
        String model = new String(Files.readAllBytes(COMMITTED.resolve("model.json")), StandardCharsets.UTF_8);

        assertThat(model).contains("\"version\": \"1.0\"", "\"defaultSchema\": \"DEFAULT\"",
                "\"directory\": \"DEFAULT\"", "\"directory\": \"learn_kylin\"",
                "\"directory\": \"ssb\"", "\"directory\": \"tpch_kap_24\"",
                "\"name\": \"V_LINEITEM\"", "\"name\": \"V_ORDERS\"");
        assertThat(Files.isDirectory(COMMITTED.resolve("tpch_kap_24"))).isTrue();
    }

    @Test
    void csvEncodingQuotesOnlyWhatOpencsvNeeds() {
        assertThat(CsvTableWriter.encode("plain")).isEqualTo("plain");
        assertThat(CsvTableWriter.encode("")).isEqualTo("\"\"");
        assertThat(CsvTableWriter.encode("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvTableWriter.encode("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvTableWriter.encode("C:\\x")).isEqualTo("\"C:\\\\x\"");
        assertThat(CsvTableWriter.encode("a\nb")).isEqualTo("\"a\nb\"");
        assertThat(CsvTableWriter.encode(" pad")).isEqualTo("\" pad\"");
        assertThat(CsvTableWriter.encode("=1+2")).isEqualTo("=1+2");
    }

    @Test
    void scaleMustBeAPositiveDecimal() {
        assertThat(Scale.parse("1").linear(10000)).isEqualTo(10000);
        assertThat(Scale.parse("0.25").linear(10000)).isEqualTo(2500);
        assertThat(Scale.parse("0.0000001").linear(10)).isEqualTo(1);
        assertThat(Scale.parse("100").sqrt(300)).isEqualTo(3000);
        for (String bad : Arrays.asList("0", "-1", "abc", "")) {
            assertThatThrownBy(() -> Scale.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** Relative path (with '/') to content, for every regular file under {@code root}. */
    static TreeMap<String, byte[]> readTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).collect(Collectors.toMap(
                    file -> root.relativize(file).toString().replace('\\', '/'),
                    SampleDataGeneratorTest::read, (a, b) -> a, TreeMap::new));
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Null when equal, else the first differing line; keeps failures readable for MB-sized files. */
    private static String firstDifference(byte[] expected, byte[] actual) {
        if (Arrays.equals(expected, actual)) {
            return null;
        }
        String[] expectedLines = new String(expected, StandardCharsets.UTF_8).split("\n", -1);
        String[] actualLines = new String(actual, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < Math.min(expectedLines.length, actualLines.length); i++) {
            if (!expectedLines[i].equals(actualLines[i])) {
                return "line " + (i + 1) + ": expected [" + expectedLines[i] + "] but was [" + actualLines[i] + "]";
            }
        }
        return "expected " + expectedLines.length + " lines but was " + actualLines.length;
    }

    /** Lines after the header; only valid for files without multi-line values. */
    private static long dataLines(Path csv) throws IOException {
        try (Stream<String> lines = Files.lines(csv, StandardCharsets.UTF_8)) {
            return lines.count() - 1;
        }
    }
}
