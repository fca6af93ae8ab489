package org.apache.kylin.rest.asyncquery.service;

import static org.apache.kylin.rest.asyncquery.service.ServiceFixture.ADMIN;
import static org.apache.kylin.rest.asyncquery.service.ServiceFixture.ANALYST;
import static org.apache.kylin.rest.asyncquery.service.ServiceFixture.MODELER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kylin.rest.asyncquery.vocabulary.ErrorCode;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The one access rule, as reading, listing and deleting apply it through {@link QueryAccess}. */
class QueryAccessTest {
    @RegisterExtension
    final ServiceFixture service = new ServiceFixture();

    @Test
    void onlyTheOwnerOrAnAdministratorMayAccessAQuery() throws Exception {
        QueryId id = service.submit(ANALYST, "two-rows");
        service.awaitDone(ANALYST, id);
        assertThatThrownBy(() -> service.reader.status(MODELER, id)).isInstanceOf(AsyncQueryException.class)
                .extracting(e -> ((AsyncQueryException) e).code()).isEqualTo(ErrorCode.ACCESS_DENIED);
        assertThatThrownBy(() -> service.deleter.delete(MODELER, id)).isInstanceOf(AsyncQueryException.class);
        assertThat(service.reader.status(ADMIN, id).status()).isEqualTo(QueryStatus.SUCCESSFUL);
        assertThat(service.listing.list(MODELER, null, null)).isEmpty();
        assertThat(service.listing.list(ADMIN, null, "ANALYST")).hasSize(1);
    }
}
