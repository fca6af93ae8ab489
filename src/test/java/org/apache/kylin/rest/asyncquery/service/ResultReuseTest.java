package org.apache.kylin.rest.asyncquery.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.kylin.rest.asyncquery.store.QueryIndex;
import org.apache.kylin.rest.asyncquery.store.ResultStore;
import org.apache.kylin.rest.asyncquery.testing.FakeClock;
import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;
import org.apache.kylin.rest.asyncquery.vocabulary.Paging;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryOutcome;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryRecord;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Result reuse's window and checks, on a fake clock over a real local working directory. */
class ResultReuseTest {
    private static final long WINDOW_MILLIS = Duration.ofMinutes(10).toMillis();

    @TempDir
    Path temp;
    final FakeClock clock = new FakeClock();
    ServerParts here;
    QueryIndex index;
    ResultReuse reuse;

    @BeforeEach
    void setUp() throws IOException {
        FileSystem fs = FileSystem.getLocal(new Configuration());
        org.apache.hadoop.fs.Path workingDir = new org.apache.hadoop.fs.Path(temp.toUri());
        here = new ServerParts(fs, workingDir, "here", clock);
        index = new QueryIndex(fs, workingDir, ResultStore.DEFAULT_FILE_PERMISSION);
        reuse = new ResultReuse(index, here.store, here.states, WINDOW_MILLIS, clock);
    }

    @AfterEach
    void tearDown() {
        here.close();
    }

    @Test
    void aSuccessfulQueryIsReusedUntilItsWindowEnds() {
        QueryRecord record = ended(QueryStatus.SUCCESSFUL);
        assertThat(reuse.find("ANALYST", request())).map(QueryRecord::queryId).hasValue(record.queryId());
        assertThat(reuse.find("MODELER", request())).isEmpty();

        clock.advanceMillis(WINDOW_MILLIS - 1);
        assertThat(reuse.find("ANALYST", request())).map(QueryRecord::queryId).hasValue(record.queryId());
        assertThat(reuse.sweep()).isZero();
        clock.advanceMillis(1);
        assertThat(reuse.find("ANALYST", request())).isEmpty();
        assertThat(reuse.sweep()).isEqualTo(1);
        assertThat(index.list(QueryIndex.Kind.REUSE)).isEmpty();
    }

    @Test
    void aFailedOrDeletedQueryIsNotReusedAndOffMeansNever() {
        ended(QueryStatus.FAILED);
        assertThat(reuse.find("ANALYST", request())).isEmpty();

        QueryRecord deleted = ended(QueryStatus.SUCCESSFUL);
        here.store.delete(deleted.queryId());
        assertThat(reuse.find("ANALYST", request())).isEmpty();
        assertThat(reuse.sweep()).isEqualTo(1);

        ended(QueryStatus.SUCCESSFUL);
        ResultReuse off = new ResultReuse(index, here.store, here.states, 0, clock);
        assertThat(off.find("ANALYST", request())).isEmpty();
        assertThat(off.sweep()).isEqualTo(1);
    }

    /** A query of ANALYST's that asked {@link #request()}, remembered at its submit and ended now. */
    private QueryRecord ended(QueryStatus status) {
        QueryRecord record = new QueryRecord(QueryId.random(), "ANALYST", "learn_kylin", "select 1", clock.millis(),
                "there", FormatOptions.csvDefaults(), Paging.of(0, 10));
        here.store.create(record);
        reuse.remember(record);
        here.store.recordOutcome(record.queryId(), new QueryOutcome(status, "done", clock.millis(), 1L, 0L));
        return record;
    }

    private static SubmitRequest request() {
        return new SubmitRequest("select 1", "LEARN_KYLIN", 0, 10, FormatOptions.csvDefaults());
    }
}
