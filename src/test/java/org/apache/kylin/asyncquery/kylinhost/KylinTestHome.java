package org.apache.kylin.asyncquery.kylinhost;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Kylin 4.0.4 installation for the integration test, in temporary folders: {@code KYLIN_HOME} (Sparder writes its
 * {@code sparkappid} there), {@code KYLIN_CONF} with a real {@code kylin.properties}, and a local metadata store
 * (Kylin's {@code FileResourceStore}) holding this project's own Kylin metadata from {@code kylin4-host/metadata}:
 * the projects {@code learn_kylin} and {@code ssb}, the table {@code DEFAULT.KYLIN_SALES}, a model, a cube (its data
 * is built at start by {@link KylinCubeBuild}) and the projects' ACLs.
 */
final class KylinTestHome {
    /** Kylin's {@code kylin.metadata.url} identifier: the results land under {@code {working-dir}/async_it/}. */
    static final String METADATA_ID = "async_it";
    static final String NODE_ID = "kylin-host-it";

    private final Path home;
    private final Path conf;

    private KylinTestHome(Path home, Path conf) {
        this.home = home;
        this.conf = conf;
    }

    /**
     * Lays the installation out under {@code root} with its HDFS working directory at {@code hdfsWorkingDir}, and
     * points this JVM's Kylin at it ({@code KYLIN_HOME}, {@code KYLIN_CONF}), as Kylin's launcher does.
     */
    static KylinTestHome create(Path root, String hdfsWorkingDir) throws IOException {
        Path home = Files.createDirectories(root.resolve("kylin-home"));
        Path conf = Files.createDirectories(home.resolve("conf"));
        Path metadata = home.resolve("metadata");
        copyMetadata(metadata);
        Files.writeString(conf.resolve("kylin.properties"), String.join("\n", List.of(
                "kylin.metadata.url=" + METADATA_ID + "@ifile,path=" + metadata,
                "kylin.env.hdfs-working-dir=" + hdfsWorkingDir,
                "kylin.server.mode=query",
                // A single query server: no other Kylin node to tell of metadata changes (the cube build's).
                "kylin.server.cluster-servers=",
                // How Kylin 4.0.4 lets its Spark build engine run in-process on the local master (its own tests do
                // the same); the spark engine is the only code that reads it.
                "kylin.env=UT",
                // Where a Kylin installation keeps its Spark job jar; in-process the build runs from the classpath.
                "kylin.engine.parquet.job-jar=" + sparkEngineJar(),
                "kylin.query.cache-enabled=false",
                // Queries no cube answers go to Spark SQL over the tables registered in Sparder's catalog.
                "kylin.query.pushdown.runner-class-name=org.apache.kylin.query.pushdown.PushDownRunnerSparkImpl",
                "kylin.query.pushdown.update-enabled=false",
                // Sparder: Kylin's query Spark, here on a local master with an in-memory catalog.
                "kylin.query.spark-conf.spark.sql.catalogImplementation=in-memory",
                "kylin.query.spark-conf.spark.sql.warehouse.dir=" + home.resolve("spark-warehouse").toUri(),
                "kylin.query.spark-conf.spark.ui.enabled=false",
                "kylin.query.spark-conf.spark.sql.shuffle.partitions=2",
                // Small, so that a cube result of some thousand rows is bigger than this: a route that collects the
                // result into the Kylin server fails, the executors' route does not.
                "kylin.query.spark-conf.spark.driver.maxResultSize=128k",
                // The plugin's own settings, read through Kylin's KylinConfig.
                "kylin.query.async.threads=2",
                "kylin.query.async.node-id=" + NODE_ID,
                // Small, so that the slow-upload test reaches both bounds with a few connections.
                "kylin.query.async.request-body-timeout-seconds=10",
                "kylin.query.async.max-uploads-in-flight=2",
                "")), StandardCharsets.UTF_8);
        System.setProperty("KYLIN_HOME", home.toString());
        System.setProperty("KYLIN_CONF", conf.toString());
        return new KylinTestHome(home, conf);
    }

    private static String sparkEngineJar() {
        try {
            return Path.of(Class.forName("org.apache.kylin.engine.spark.job.NSparkCubingJob").getProtectionDomain()
                    .getCodeSource().getLocation().toURI()).toString();
        } catch (ReflectiveOperationException | java.net.URISyntaxException e) {
            throw new IllegalStateException("kylin-spark-engine is not on the classpath", e);
        }
    }

    Path home() {
        return home;
    }

    Path conf() {
        return conf;
    }

    private static void copyMetadata(Path target) throws IOException {
        Path source;
        try {
            source = Path.of(KylinTestHome.class.getResource("/kylin4-host/metadata").toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try (Stream<Path> files = Files.walk(source)) {
            files.forEach(file -> {
                Path copy = target.resolve(source.relativize(file).toString());
                try {
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
