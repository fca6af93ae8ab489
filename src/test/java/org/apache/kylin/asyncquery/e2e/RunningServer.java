package org.apache.kylin.asyncquery.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kylin.asyncquery.standalone.StandaloneOptions;
import org.apache.kylin.asyncquery.standalone.StandaloneServer;

/**
 * A real standalone server on a free port, with the repository's users and sample projects, its own
 * {@code conf/} (so a test can set keys) and a fresh {@code file:} working directory.
 */
final class RunningServer implements AutoCloseable {
    static final Path REPO_CONF = Paths.get("conf").toAbsolutePath();
    static final Path TEST_DATA = Paths.get("test-data").toAbsolutePath();

    private final StandaloneServer server;
    private final Path workingDir;

    private RunningServer(StandaloneServer server, Path workingDir) {
        this.server = server;
        this.workingDir = workingDir;
    }

    /** A server on a fresh local working directory under {@code tempDir}. */
    static RunningServer start(Path tempDir, Map<String, String> properties) throws Exception {
        Path workingDir = tempDir.resolve("working-dir");
        return start(tempDir, workingDir.toUri().toString(), properties, workingDir);
    }

    /** A server on a fresh local working directory whose conf/project-acl.properties holds {@code projectAcl}. */
    static RunningServer startWithAcl(Path tempDir, Map<String, String> properties, String projectAcl)
            throws Exception {
        return startWithCatalog(tempDir, properties, projectAcl, TEST_DATA);
    }

    /** As {@link #startWithAcl}, over the projects of {@code testData} (a Calcite model.json and its files). */
    static RunningServer startWithCatalog(Path tempDir, Map<String, String> properties, String projectAcl,
            Path testData) throws Exception {
        Path workingDir = tempDir.resolve("working-dir");
        Path conf = writeConf(tempDir.resolve("conf-" + System.nanoTime()), properties);
        Files.writeString(conf.resolve("project-acl.properties"), projectAcl);
        StandaloneOptions options = new StandaloneOptions(0, workingDir.toUri().toString(), conf, testData);
        return new RunningServer(StandaloneServer.start(options), workingDir);
    }

    /** A server on the given working directory URI (say on HDFS), configured from {@code conf} in tempDir. */
    static RunningServer start(Path tempDir, String workingDirUri, Map<String, String> properties) throws Exception {
        return start(tempDir, workingDirUri, properties, null);
    }

    private static RunningServer start(Path tempDir, String workingDirUri, Map<String, String> properties,
            Path localWorkingDir) throws Exception {
        Path conf = writeConf(tempDir.resolve("conf-" + System.nanoTime()), properties);
        StandaloneOptions options = new StandaloneOptions(0, workingDirUri, conf, TEST_DATA);
        return new RunningServer(StandaloneServer.start(options), localWorkingDir);
    }

    /**
     * A server with the Spark engine ({@code --engine spark}, master {@code local[2]}) on the given working
     * directory URI, or a fresh local one under {@code tempDir} when null. Spark allows one SparkContext per JVM:
     * servers started here share it, and the last one to close stops it.
     */
    static RunningServer startSpark(Path tempDir, String workingDirUri, Map<String, String> properties)
            throws Exception {
        Path local = workingDirUri == null ? tempDir.resolve("working-dir") : null;
        String uri = workingDirUri == null ? local.toUri().toString() : workingDirUri;
        Path conf = writeConf(tempDir.resolve("conf-" + System.nanoTime()), properties);
        StandaloneOptions options = new StandaloneOptions(0, uri, conf, TEST_DATA, null,
                StandaloneOptions.Engine.SPARK, "local[2]");
        return new RunningServer(StandaloneServer.start(options), local);
    }

    /** A conf/ folder with the repository's users and the given {@code kylin.properties}. */
    static Path writeConf(Path conf, Map<String, String> properties) throws IOException {
        Files.createDirectories(conf);
        Files.copy(REPO_CONF.resolve("users.properties"), conf.resolve("users.properties"));
        Files.copy(REPO_CONF.resolve("project-acl.properties"), conf.resolve("project-acl.properties"));
        Files.writeString(conf.resolve("kylin.properties"), properties.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n")));
        return conf;
    }

    ApiClient as(String user, String password) {
        return new ApiClient(port(), user, password);
    }

    ApiClient admin() {
        return as("ADMIN", "KYLIN");
    }

    ApiClient anonymous() {
        return new ApiClient(port(), null, null);
    }

    int port() {
        return server.port();
    }

    /** The local working directory, for servers started on one. */
    Path workingDir() {
        if (workingDir == null) {
            throw new IllegalStateException("This server's working directory is not local");
        }
        return workingDir;
    }

    /** The folders under async_query_result/, i.e. what the server has written for queries. */
    long queryFolderCount() throws IOException {
        Path root = workingDir().resolve("async_query_result");
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (var entries = Files.list(root)) {
            return entries.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("_")).count();
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
