package org.apache.kylin.asyncquery.bench;

import java.io.IOException;

import org.apache.kylin.asyncquery.testing.MiniHdfsExtension;

/**
 * A MiniDFSCluster (one NameNode, one DataNode) as a process of its own: prints {@code URI hdfs://...} once it is
 * up, and stops when its standard input closes, so the JVM that started it takes it down even when it dies.
 */
public final class MiniHdfsMain {
    private MiniHdfsMain() {
    }

    public static void main(String[] args) throws IOException {
        try (MiniHdfsExtension hdfs = new MiniHdfsExtension().start()) {
            System.out.println("URI " + hdfs.uri());
            System.out.flush();
            while (System.in.read() >= 0) {
                // Waits for the parent to close the pipe.
            }
        }
        System.exit(0);
    }
}
