package org.apache.kylin.rest.asyncquery.service;

import static org.apache.kylin.rest.asyncquery.service.ServiceFixture.ANALYST;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import org.apache.kylin.asyncquery.testing.Eventually;
import org.apache.kylin.rest.asyncquery.vocabulary.Compression;
import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The service's side of a distributed write, with a FAKE engine (ScriptedEngine) writing part files as Spark's
 * executors would: the parts become the result in partition order, the limits hold, and a failed or cancelled write
 * leaves nothing visible. Spark itself is driven end to end by the Spark engine's tests and KylinHostIT.
 */
class PartsRouteTest {
    @RegisterExtension
    final ServiceFixture service = new ServiceFixture();

    @Test
    void committedPartsAreTheResultInPartitionOrderAndTheRouteIsRecorded() throws Exception {
        QueryId id = service.submit(ANALYST, "three-parts");
        QueryState done = service.awaitDone(ANALYST, id);
        assertThat(done.status()).as(done.info()).isEqualTo(QueryStatus.SUCCESSFUL);
        assertThat(visibleFiles(id)).containsExactly("result-000000000.csv", "result-000000001.csv",
                "result-000000002.csv");
        StringBuilder content = new StringBuilder();
        for (String name : visibleFiles(id)) {
            content.append(Files.readString(folder(id).resolve(name), StandardCharsets.UTF_8));
        }
        assertThat(content.toString()).isEqualTo("0\r\n1\r\n2\r\n");
        assertThat(Files.readString(folder(id).resolve("_outcome.json")))
                .contains("\"rows\":3", "\"bytes\":9", "\"route\":\"SPARK_EXECUTORS\"");
        assertThat(hiddenWrites(id)).isEmpty();
    }

    /** Text stored compressed is one codec stream the server writes: the engine is told to stream its rows. */
    @Test
    void textStoredCompressedIsNotTakenAsPartsButStreamedIntoOneCompressedFile() throws Exception {
        QueryId id = service.submit(ANALYST, "parts-or-rows",
                FormatOptions.builder().compression(Compression.GZIP).build());
        QueryState done = service.awaitDone(ANALYST, id);
        assertThat(done.status()).as(done.info()).isEqualTo(QueryStatus.SUCCESSFUL);
        assertThat(visibleFiles(id)).containsExactly("result.csv.gz");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(folder(id).resolve("result.csv.gz")))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("0\r\n1\r\n2\r\n");
        }
        long stored = Files.size(folder(id).resolve("result.csv.gz"));
        assertThat(Files.readString(folder(id).resolve("_outcome.json")))
                .contains("\"rows\":3", "\"bytes\":" + stored, "\"uncompressed_bytes\":9",
                        "\"route\":\"SPARK_DRIVER_ITERATOR\"");
        assertThat(done.bytes()).isEqualTo(9);
        assertThat(done.storedBytes()).isEqualTo(stored);
        assertThat(service.reader.resultSize(ANALYST, id)).isEqualTo(9);
    }

    @Test
    void progressPastTheRowLimitFailsTheExportWithItsReasonAndLeavesNoPart() throws Exception {
        QueryId id = service.submit(ANALYST, "parts-past-limit");
        QueryState done = service.awaitDone(ANALYST, id);
        assertThat(done.status()).isEqualTo(QueryStatus.FAILED);
        assertThat(done.info()).startsWith("The result exceeds kylin.query.async.max-result-rows (5 rows)");
        assertThat(visibleFiles(id)).isEmpty();
        assertThat(hiddenWrites(id)).isEmpty();
    }

    @Test
    void aStopDuringTheWriteLeavesNoPart() throws Exception {
        QueryId id = service.submit(ANALYST, "parts-cancelled");
        Eventually.await("the parts to be written", () -> partsWritten(id), written -> written);
        service.stopper.stop(ANALYST, id);
        QueryState done = service.awaitDone(ANALYST, id);
        assertThat(done.status()).isEqualTo(QueryStatus.FAILED);
        Eventually.assertEventually(() -> assertThat(hiddenWrites(id)).isEmpty());
        assertThat(visibleFiles(id)).isEmpty();
    }

    private boolean partsWritten(QueryId id) throws IOException {
        try (var parts = Files.walk(folder(id))) {
            return parts.anyMatch(path -> path.getFileName().toString().startsWith("part-00001"));
        }
    }

    private Path folder(QueryId id) {
        return service.temp.resolve("async_query_result").resolve(id.toString());
    }

    private List<String> visibleFiles(QueryId id) throws IOException {
        try (var files = Files.list(folder(id))) {
            return files.map(p -> p.getFileName().toString()).filter(name -> !name.startsWith("_") && !name.startsWith(".")).sorted()
                    .collect(Collectors.toList());
        }
    }

    private List<String> hiddenWrites(QueryId id) throws IOException {
        try (var files = Files.list(folder(id))) {
            return files.map(p -> p.getFileName().toString()).filter(name -> name.startsWith("_writing"))
                    .collect(Collectors.toList());
        }
    }
}
