package org.apache.kylin.rest.asyncquery.service;

import static org.apache.kylin.rest.asyncquery.service.ServiceFixture.ADMIN;
import static org.apache.kylin.rest.asyncquery.service.ServiceFixture.ANALYST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kylin.rest.asyncquery.vocabulary.ErrorCode;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Stopping ends a running query FAILED, "cancelled by" the caller, and refuses a query that has finished. */
class QueryStopperTest {
    @RegisterExtension
    final ServiceFixture service = new ServiceFixture();

    @Test
    void stopFailsARunningQueryAsCancelledByTheCaller() throws Exception {
        QueryId id = service.submit(ANALYST, "blocks");
        assertThat(service.reader.status(ANALYST, id).status()).isEqualTo(QueryStatus.RUNNING);
        service.stopper.stop(ADMIN, id);
        QueryState state = service.reader.status(ANALYST, id);
        assertThat(state.status()).isEqualTo(QueryStatus.FAILED);
        assertThat(state.info()).isEqualTo("cancelled by ADMIN");
        assertThatThrownBy(() -> service.stopper.stop(ADMIN, id)).extracting(e -> ((AsyncQueryException) e).code())
                .isEqualTo(ErrorCode.QUERY_NOT_RUNNING);
    }
}
