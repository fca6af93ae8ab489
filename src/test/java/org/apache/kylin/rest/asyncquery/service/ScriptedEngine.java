package org.apache.kylin.rest.asyncquery.service;

import java.io.IOException;
import java.sql.Types;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kylin.rest.asyncquery.engine.ExportRoute;
import org.apache.kylin.rest.asyncquery.engine.PartsDestination;
import org.apache.kylin.rest.asyncquery.engine.QueryCancelledException;
import org.apache.kylin.rest.asyncquery.engine.QueryEngine;
import org.apache.kylin.rest.asyncquery.engine.QueryExecutionException;
import org.apache.kylin.rest.asyncquery.engine.QuerySpec;
import org.apache.kylin.rest.asyncquery.engine.RowSink;
import org.apache.kylin.rest.asyncquery.vocabulary.CancellationToken;
import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;

/**
 * FAKE engine, a test double standing in for Calcite or Kylin: the SQL, {@code select 'name' as script}, names a
 * script. Its one project is DEFAULT. The real engines are driven end to end in the e2e tests.
 */
final class ScriptedEngine implements QueryEngine {
    /** The threads that ran a script, to show that the pool keeps its threads. */
    final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    @Override
    public Optional<String> resolveProject(String requestedName) {
        return "DEFAULT".equalsIgnoreCase(requestedName) ? Optional.of("DEFAULT") : Optional.empty();
    }

    @Override
    public void execute(QuerySpec spec, RowSink sink, CancellationToken cancellation) throws IOException {
        threads.add(Thread.currentThread());
        String script = spec.sql().replaceAll("^select '([^']*)'.*$", "$1");
        switch (script) {
            case "fail":
                throw new QueryExecutionException("Table 'NOPE' not found", null);
            case "linkage-error":
                throw new NoClassDefFoundError("Could not initialize class Baz");
            case "blocks":
                throw awaitCancel(cancellation);
            case "three-parts":
            case "parts-past-limit":
            case "parts-cancelled":
                writeParts(script, sink, cancellation);
                return;
            case "parts-or-rows":
                partsOrRows(sink);
                return;
            case "ten-rows":
                sink.start(List.of(new ColumnMeta("N", "INTEGER", Types.INTEGER, 10, 0)));
                for (int i = 0; i < 10; i++) {
                    sink.row(new Object[] {i});
                }
                return;
            default:
                sink.start(List.of(new ColumnMeta("N", "INTEGER", Types.INTEGER, 10, 0)));
                sink.row(new Object[] {1});
                if (script.equals("sink-fails")) {
                    throw new IOException("disk full");
                }
                sink.row(new Object[] {2});
        }
    }

    /** As SparkExport does: parts when the sink takes them, else the same rows streamed from the driver. */
    private static void partsOrRows(RowSink sink) throws IOException {
        List<ColumnMeta> columns = List.of(new ColumnMeta("N", "INTEGER", Types.INTEGER, 10, 0));
        if (sink.acceptParts(columns, options -> true).isPresent()) {
            throw new IOException("parts accepted: this script expects them declined");
        }
        sink.route(ExportRoute.SPARK_DRIVER_ITERATOR);
        sink.start(columns);
        for (int i = 0; i < 3; i++) {
            sink.row(new Object[] {i});
        }
    }

    /**
     * What Spark's executors do, by hand: part files straight into the destination's folder, progress as they go,
     * then the commit; past a limit or on a cancel, the failure goes back as SparkExport sends it.
     */
    private static void writeParts(String script, RowSink sink, CancellationToken cancellation) throws IOException {
        PartsDestination destination = sink.acceptParts(List.of(new ColumnMeta("N", "INTEGER", Types.INTEGER, 10, 0)),
                options -> true)
                .orElseThrow(() -> new IOException("parts declined"));
        sink.route(ExportRoute.SPARK_EXECUTORS);
        java.nio.file.Path folder = java.nio.file.Path.of(java.net.URI.create(destination.folder()));
        java.nio.file.Files.createDirectories(folder);
        for (int part : new int[] {2, 0, 1}) {
            java.nio.file.Files.writeString(folder.resolve(String.format("part-%05d-x-c000.csv", part)), part + "\r\n");
        }
        if (script.equals("parts-cancelled")) {
            throw awaitCancel(cancellation);
        }
        destination.progress(script.equals("parts-past-limit") ? 10 : 3, 9);
        destination.commit(3);
    }

    /** Blocks until the query is cancelled (up to 20 s), as an engine waiting on its source would. */
    private static QueryCancelledException awaitCancel(CancellationToken cancellation) {
        CountDownLatch cancelled = new CountDownLatch(1);
        cancellation.onCancel(cancelled::countDown);
        try {
            cancelled.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new QueryCancelledException();
    }
}
