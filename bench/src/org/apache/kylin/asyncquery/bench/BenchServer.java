package org.apache.kylin.asyncquery.bench;

import org.apache.kylin.asyncquery.standalone.StandaloneOptions;
import org.apache.kylin.asyncquery.standalone.StandaloneServer;

/**
 * The standalone server over the DuckDB row source, as its own process: the server benchmarks measure its heap,
 * RSS and threads from outside. Takes the standalone server's arguments; prints {@code PORT n} once it listens.
 */
public final class BenchServer {
    private BenchServer() {
    }

    public static void main(String[] args) throws Exception {
        StandaloneServer server = StandaloneServer.start(StandaloneOptions.parse(args), BenchEngineConfig.class);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("PORT " + server.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
