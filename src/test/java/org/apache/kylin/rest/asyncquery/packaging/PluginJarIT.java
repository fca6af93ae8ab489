package org.apache.kylin.rest.asyncquery.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged thin plugin jar (not the test class path's classes): Java 8 bytecode throughout, only the plugin's
 * own packages plus its relocated libraries, and no bundled copy of anything a Kylin host provides. Runs after
 * packaging (failsafe), and a failure fails the build.
 */
class PluginJarIT {
    private static final int JAVA_8_MAJOR = 52;
    private static final String PLUGIN_ROOT = "org/apache/kylin/rest/asyncquery/";
    private static final List<String> UNRELOCATED = List.of("org/apache/commons/csv/", "net/sf/jsqlparser/",
            "org/dhatim/fastexcel/", "com/github/rzymek/opczip/", "org/apache/parquet/", "shaded/parquet/", "io/micrometer/", "org/HdrHistogram/",
            "io/airlift/compress/");

    static List<JarEntry> classes;
    static JarFile jar;

    @BeforeAll
    static void openJar() throws IOException {
        Path path = Path.of(System.getProperty("plugin.jar", "target/kylin-async-query-0.1.0-SNAPSHOT.jar"));
        assertThat(path).exists();
        jar = new JarFile(path.toFile());
        classes = new ArrayList<>();
        for (JarEntry entry : Collections.list(jar.entries())) {
            if (entry.getName().endsWith(".class")) {
                classes.add(entry);
            }
        }
    }

    @Test
    void everyClassIsJava8Bytecode() throws IOException {
        assertThat(classes).isNotEmpty();
        List<String> tooNew = new ArrayList<>();
        for (JarEntry entry : classes) {
            byte[] header = new byte[8];
            try (InputStream in = jar.getInputStream(entry)) {
                assertThat(in.readNBytes(header, 0, 8)).isEqualTo(8);
            }
            int major = ((header[6] & 0xff) << 8) | (header[7] & 0xff);
            if (major > JAVA_8_MAJOR) {
                tooNew.add(entry.getName() + " (major " + major + ")");
            }
        }
        assertThat(tooNew).as("classes newer than Java 8").isEmpty();
    }

    @Test
    void holdsOnlyThePluginsPackagesAndNoHostLibraries() {
        assertThat(Collections.list(jar.entries())).extracting(JarEntry::getName)
                .filteredOn(name -> !name.endsWith("/"))
                .allSatisfy(name -> assertThat(name.startsWith(PLUGIN_ROOT) || name.startsWith("META-INF/"))
                        .as(name).isTrue());
        assertThat(classes).extracting(JarEntry::getName)
                .noneMatch(name -> name.startsWith("org/apache/kylin/asyncquery/"))
                .anyMatch(name -> name.equals(PLUGIN_ROOT + "api/AsyncQueryController.class"))
                .anyMatch(name -> name.startsWith(PLUGIN_ROOT + "shaded/jsqlparser/"))
                .anyMatch(name -> name.startsWith(PLUGIN_ROOT + "shaded/micrometer/core/"))
                .anyMatch(name -> name.startsWith(PLUGIN_ROOT + "shaded/micrometer/jmx/"))
                // Parquet's Snappy and Zstandard pages are compressed by aircompressor, in pure Java.
                .anyMatch(name -> name.startsWith(PLUGIN_ROOT + "shaded/aircompressor/snappy/"))
                .anyMatch(name -> name.startsWith(PLUGIN_ROOT + "shaded/aircompressor/zstd/"))
                // The CSV writer quotes and prints its fields itself: Commons CSV is a test dependency only.
                .noneMatch(name -> name.contains("commons/csv/"))
                // Dropwizard Metrics, which the JMX registry reports through, is the host's (Kylin's Spark ships it).
                .noneMatch(name -> name.contains("com/codahale/metrics/"))
                // The standalone server's Prometheus registry is not the plugin's.
                .noneMatch(name -> name.contains("prometheus"));
    }

    /** Native code would tie the plugin to the host's OS and CPU: snappy-java's and zstd-jni's stay out. */
    @Test
    void carriesNoNativeLibraries() {
        assertThat(Collections.list(jar.entries())).extracting(JarEntry::getName)
                .noneMatch(name -> name.matches("(?i).*\\.(so|dll|dylib|jnilib|a)$"))
                .noneMatch(name -> name.contains("xerial/snappy/") || name.contains("luben/zstd/"));
    }

    /** The API description the controller serves at /kylin/api/async_query/openapi.json ships in the plugin. */
    @Test
    void carriesTheApiDescription() {
        assertThat(jar.getEntry(PLUGIN_ROOT + "api/openapi.json")).isNotNull();
        assertThat(jar.getEntry(PLUGIN_ROOT + "api/ApiDescription.class")).isNotNull();
    }

    /** A Servlet 3.0 container serves a WEB-INF/lib jar's META-INF/resources at the context root: /kylin/async-export/. */
    @Test
    void carriesTheExportPageWhereAKylinHostServesIt() {
        for (String file : List.of("index.html", "async-export.js", "async-export-api.js", "async-export-button.js",
                "async-export.css", "demo.html")) {
            assertThat(jar.getEntry("META-INF/resources/async-export/" + file)).as(file).isNotNull();
        }
    }

    @Test
    void noClassStillPointsAtTheUnrelocatedLibraries() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (JarEntry entry : classes) {
            String constants;
            try (InputStream in = jar.getInputStream(entry)) {
                constants = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            }
            for (String library : UNRELOCATED) {
                // A relocated name ends in ".../asyncquery/shaded/parquet/..."; only a reference that starts with
                // the library's own package (not right after a '/') points at the unrelocated copy. Micrometer's
                // messages link to its documentation, https://docs.micrometer.io/micrometer/...: not a reference.
                if (java.util.regex.Pattern.compile("(?<!/)(?<!micrometer\\.)" + java.util.regex.Pattern.quote(library))
                        .matcher(constants).find()) {
                    offenders.add(entry.getName() + " -> " + library);
                }
            }
        }
        assertThat(offenders).isEmpty();
    }

    /** bin/async-query's classes and libraries (picocli, progressbar, JLine) ship with the standalone server only. */
    @Test
    void theCommandLineClientShipsInTheStandaloneJarAndLibNotInThePlugin() throws IOException {
        assertThat(Collections.list(jar.entries())).extracting(JarEntry::getName)
                .noneMatch(name -> name.startsWith("org/apache/kylin/asyncquery/cli/") || name.startsWith("picocli/")
                        || name.startsWith("me/tongfei/") || name.startsWith("org/jline/"));
        Path standalone = Path.of(System.getProperty("plugin.jar").replace(".jar", "-standalone.jar"));
        try (JarFile all = new JarFile(standalone.toFile())) {
            assertThat(all.getEntry("org/apache/kylin/asyncquery/cli/AsyncQueryCli.class")).isNotNull();
        }
        try (var lib = Files.list(standalone.resolveSibling("lib"))) {
            assertThat(lib.map(jarPath -> jarPath.getFileName().toString()))
                    .anyMatch(name -> name.startsWith("picocli-")).anyMatch(name -> name.startsWith("progressbar-"))
                    .anyMatch(name -> name.startsWith("jline-terminal-"));
        }
    }

    @Test
    void theStandaloneJarHoldsEverything() throws IOException {
        Path standalone = Path.of(System.getProperty("plugin.jar").replace(".jar", "-standalone.jar"));
        try (JarFile all = new JarFile(standalone.toFile())) {
            assertThat(all.getEntry("org/apache/kylin/asyncquery/standalone/StandaloneServer.class")).isNotNull();
            assertThat(all.getEntry(PLUGIN_ROOT + "api/AsyncQueryController.class")).isNotNull();
        }
        assertThat(Files.size(standalone)).isPositive();
    }
}
