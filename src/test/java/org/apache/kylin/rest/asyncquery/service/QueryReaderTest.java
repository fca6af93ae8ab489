package org.apache.kylin.rest.asyncquery.service;

import static org.apache.kylin.rest.asyncquery.service.ServiceFixture.ANALYST;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;
import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryOutcome;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryRecord;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the reader answers about one query: its status, whoever runs it, and its result once it is SUCCESSFUL. */
class QueryReaderTest {
    @RegisterExtension
    final ServiceFixture service = new ServiceFixture();

    @Test
    void aQueryRunsToSuccessAndItsResultIsServed() throws Exception {
        QueryId id = service.submit(ANALYST, "two-rows");
        assertThat(service.awaitDone(ANALYST, id).status()).isEqualTo(QueryStatus.SUCCESSFUL);
        assertThat(service.reader.metadata(ANALYST, id)).extracting(ColumnMeta::name).containsExactly("N");
        try (var in = service.reader.download(ANALYST, id).open()) {
            assertThat(new String(in.readAllBytes())).isEqualTo("1\r\n2\r\n");
        }
        assertThat(service.reader.resultSize(ANALYST, id)).isEqualTo(6);
    }

    /** What a distributed write leaves, ordered part files, is sized from its outcome and served as one file. */
    @Test
    void aResultOfSeveralPartFilesIsSizedFromItsOutcomeAndServedAsOne() throws Exception {
        QueryId id = endedWithFiles(new QueryOutcome(QueryStatus.SUCCESSFUL, "done", 1, 3L, 10L), "abc", "def",
                "ghij");
        assertThat(service.reader.resultSize(ANALYST, id)).isEqualTo(10);
        ResultDownload download = service.reader.download(ANALYST, id);
        assertThat(download.length()).isEqualTo(10);
        assertThat(download.etag()).isEqualTo("\"" + id + "-10\"");
        try (var in = download.open()) {
            assertThat(new String(in.readAllBytes())).isEqualTo("abcdefghij");
        }
        try (var in = download.open(2)) {
            assertThat(new String(in.readNBytes(6))).isEqualTo("cdefgh");
        }
        assertThat(download.pinLocalFile()).isEmpty();
        assertThat(service.listing.list(ANALYST, null, null)).filteredOn(s -> s.record().queryId().equals(id))
                .extracting(QuerySummary::resultBytes).containsExactly(10L);
    }

    @Test
    void anOutcomeWrittenByAnOlderVersionWithoutAByteCountIsSizedByListing() throws Exception {
        QueryId id = endedWithFiles(new QueryOutcome(QueryStatus.SUCCESSFUL, "done", 1), "a,b\r\n");
        assertThat(service.reader.resultSize(ANALYST, id)).isEqualTo(5);
        assertThat(service.reader.download(ANALYST, id).length()).isEqualTo(5);
        assertThat(service.reader.download(ANALYST, id).etag()).isEqualTo("\"" + id + "-5\"");
        assertThat(service.listing.list(ANALYST, null, null)).filteredOn(s -> s.record().queryId().equals(id))
                .extracting(QuerySummary::resultBytes).containsExactly(5L);
    }

    @Test
    void anUnfinishedQueryOfAServerWithoutAHeartbeatIsFailedNamingIt() throws Exception {
        QueryId id = QueryId.random();
        service.store.create(new QueryRecord(id, "ANALYST", "DEFAULT", "x", System.currentTimeMillis() - 60_000,
                "gone", FormatOptions.csvDefaults()));
        service.heartbeats.beat("gone", System.currentTimeMillis() - 30_000);
        QueryState state = service.reader.status(ANALYST, id);
        assertThat(state.status()).isEqualTo(QueryStatus.FAILED);
        assertThat(state.info()).contains("'gone'").contains("no heartbeat for 30 s");
        assertThat(service.store.findOutcome(id)).map(QueryOutcome::status).contains(QueryStatus.FAILED);
    }

    /** A query of ANALYST that ended with {@code outcome}, its result files written straight into its folder. */
    private QueryId endedWithFiles(QueryOutcome outcome, String... files) throws IOException {
        QueryId id = QueryId.random();
        service.store.create(new QueryRecord(id, "ANALYST", "DEFAULT", "x", System.currentTimeMillis(), "here",
                FormatOptions.csvDefaults()));
        Path folder = service.temp.resolve("async_query_result").resolve(id.toString());
        for (int i = 0; i < files.length; i++) {
            Files.writeString(folder.resolve(String.format("part-%05d.csv", i)), files[i]);
        }
        service.store.recordOutcome(id, outcome);
        return id;
    }

    @Test
    void anUnfinishedQueryOfALiveServerIsStillRunning() throws Exception {
        QueryId id = QueryId.random();
        service.store.create(new QueryRecord(id, "ANALYST", "DEFAULT", "x", System.currentTimeMillis(), "alive",
                FormatOptions.csvDefaults()));
        service.heartbeats.beat("alive", System.currentTimeMillis());
        assertThat(service.reader.status(ANALYST, id).status()).isEqualTo(QueryStatus.RUNNING);
    }
}
