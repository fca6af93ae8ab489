package org.apache.kylin.rest.asyncquery.service;

import static org.apache.kylin.rest.asyncquery.service.ServiceFixture.ANALYST;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;

import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A submitted query runs in the background and ends with the truth about its result, over a real local store. */
class QuerySubmitterTest {
    @RegisterExtension
    final ServiceFixture service = new ServiceFixture();

    @Test
    void anEngineFailureFailsTheQueryWithItsReason() throws Exception {
        QueryId id = service.submit(ANALYST, "fail");
        QueryState done = service.awaitDone(ANALYST, id);
        assertThat(done.status()).isEqualTo(QueryStatus.FAILED);
        assertThat(done.info()).isEqualTo("Table 'NOPE' not found");
    }

    @Test
    void anErrorInsideTheEngineFailsTheQueryWithoutClassNamesAndKeepsThePoolsThreads() throws Exception {
        for (int i = 0; i < 6; i++) {
            QueryState done = service.awaitDone(ANALYST, service.submit(ANALYST, "linkage-error"));
            assertThat(done.status()).isEqualTo(QueryStatus.FAILED);
            assertThat(done.info()).isEqualTo(QueryJob.INTERNAL_ERROR_INFO);
        }
        assertThat(service.awaitDone(ANALYST, service.submit(ANALYST, "two-rows")).status())
                .isEqualTo(QueryStatus.SUCCESSFUL);
        // The pool has 2 threads: had an Error ended one, its replacement would have run a later query.
        assertThat(service.engine.threads).hasSizeLessThanOrEqualTo(2).allMatch(Thread::isAlive);
    }

    @Test
    void aWriteFailureMidStreamLeavesNoResultFileBehind() throws Exception {
        QueryId id = service.submit(ANALYST, "sink-fails");
        assertThat(service.awaitDone(ANALYST, id).info()).isEqualTo(QueryJob.WRITE_FAILED_INFO)
                .startsWith("The result could not be written:");
        try (var files = Files.list(service.temp.resolve("async_query_result").resolve(id.toString()))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .noneMatch(name -> name.startsWith("_writing") || name.equals("result.csv"));
        }
    }

    @Test
    void anExportPastTheRowLimitFailsInsteadOfBeingTruncated() throws Exception {
        QueryId id = service.submit(ANALYST, "ten-rows");
        QueryState done = service.awaitDone(ANALYST, id);
        assertThat(done.status()).isEqualTo(QueryStatus.FAILED);
        assertThat(done.info()).startsWith("The result exceeds kylin.query.async.max-result-rows (5 rows)");
        try (var files = Files.list(service.temp.resolve("async_query_result").resolve(id.toString()))) {
            assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("result.csv");
        }
    }

    @Test
    void anUnknownProjectIsRecordedFailedAndAnUnknownIdIsMissing() {
        QueryState state = service.submitter.submit(ANALYST, new SubmitRequest("select 1", "XXX", 0, 0,
                FormatOptions.csvDefaults()));
        assertThat(state.info()).isEqualTo("Project 'XXX' does not exist;");
        assertThat(service.reader.status(ANALYST, QueryId.parse(state.queryId()).orElseThrow()).status())
                .isEqualTo(QueryStatus.FAILED);
        assertThat(service.reader.status(ANALYST, QueryId.random()).status()).isEqualTo(QueryStatus.MISSING);
    }
}
