package org.apache.kylin.asyncquery.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real HDFS (a NameNode and DataNodes in this JVM: Hadoop's MiniDFSCluster) for one test class, in a temporary
 * folder of its own. Register it as a static field with {@code @RegisterExtension}: it starts before the class's
 * {@code @BeforeAll} methods and stops after its {@code @AfterAll} methods, so servers started and stopped there
 * find it running. A benchmark starts and stops it itself ({@link #start}, {@link #close}). Plain Java 11, as the
 * Kylin host test compiles to it.
 */
public final class MiniHdfsExtension implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    private final int dataNodes;
    private Path baseDir;
    private MiniDFSCluster cluster;

    /** One DataNode, replication 1. */
    public MiniHdfsExtension() {
        this(1);
    }

    public MiniHdfsExtension(int dataNodes) {
        if (dataNodes < 1) {
            throw new IllegalArgumentException("dataNodes must be at least 1, not " + dataNodes);
        }
        this.dataNodes = dataNodes;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        close();
    }

    /** Starts the cluster outside JUnit (a benchmark, say); {@link #close} stops it. */
    public MiniHdfsExtension start() throws IOException {
        if (cluster != null) {
            throw new IllegalStateException("The MiniDFSCluster is already running");
        }
        baseDir = Files.createTempDirectory("mini-hdfs");
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, new File(baseDir.toFile(), "hdfs").getAbsolutePath());
        conf.setInt("dfs.replication", 1);
        cluster = new MiniDFSCluster.Builder(conf).numDataNodes(dataNodes).build();
        cluster.waitActive();
        return this;
    }

    /** Stops the cluster and deletes its folder. */
    @Override
    public void close() throws IOException {
        try {
            if (cluster != null) {
                cluster.shutdown(true);
            }
        } finally {
            cluster = null;
            deleteRecursively(baseDir);
        }
    }

    /** {@code hdfs://localhost:PORT}, the NameNode's address. */
    public String uri() {
        return "hdfs://localhost:" + running().getNameNodePort();
    }

    /** A client of this HDFS. */
    public FileSystem fileSystem() throws IOException {
        return running().getFileSystem();
    }

    /** The cluster itself, for tests that stop and restart DataNodes. */
    public MiniDFSCluster cluster() {
        return running();
    }

    private MiniDFSCluster running() {
        if (cluster == null) {
            throw new IllegalStateException("The MiniDFSCluster is not running: register this extension as a static "
                    + "field with @RegisterExtension and use it from @BeforeAll on");
        }
        return cluster;
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
