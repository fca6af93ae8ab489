package org.apache.kylin.asyncquery.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real standalone server for a whole test class, on a fresh local working directory, with clients for
 * Kylin's default users. Register it as a static field with {@code @RegisterExtension}.
 */
final class ServerExtension implements BeforeAllCallback, AfterAllCallback {
    private final Map<String, String> properties;
    private final boolean spark;
    private Path temp;
    private RunningServer server;

    ServerExtension(Map<String, String> properties) {
        this(properties, false);
    }

    private ServerExtension(Map<String, String> properties, boolean spark) {
        this.properties = properties;
        this.spark = spark;
    }

    /** A server with the Spark engine ({@code --engine spark}, master {@code local[2]}). */
    static ServerExtension spark(Map<String, String> properties) {
        return new ServerExtension(properties, true);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        temp = Files.createTempDirectory("async-query-e2e");
        server = spark ? RunningServer.startSpark(temp, null, properties) : RunningServer.start(temp, properties);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        server.close();
        try (Stream<Path> files = Files.walk(temp)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    ApiClient admin() {
        return server.admin();
    }

    ApiClient modeler() {
        return server.as("MODELER", "MODELER");
    }

    ApiClient analyst() {
        return server.as("ANALYST", "ANALYST");
    }

    ApiClient anonymous() {
        return server.anonymous();
    }

    ApiClient as(String user, String password) {
        return server.as(user, password);
    }

    Path workingDir() {
        return server.workingDir();
    }

    int port() {
        return server.port();
    }

    long queryFolderCount() throws IOException {
        return server.queryFolderCount();
    }
}
