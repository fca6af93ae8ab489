package org.apache.kylin.asyncquery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code GET /async_query}: one's own queries, everyone's for an administrator, filtered and paged. */
class ListingE2ETest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Map.of());

    static String adminsQuery;
    static String analystsQuery;
    static String failedQuery;

    @BeforeAll
    static void submitQueries() {
        adminsQuery = SERVER.admin().runToSuccess(
                "{\"sql\":\"select * from KYLIN_COUNTRY\",\"project\":\"learn_kylin\"}");
        analystsQuery = SERVER.analyst().runToSuccess("{\"sql\":\"select 1\"}");
        failedQuery = SERVER.analyst().submit("{\"sql\":\"select * from NOPE\"}");
        SERVER.analyst().awaitDone(failedQuery);
    }

    @Test
    void aUserSeesOnlyTheirOwnNewestFirstWithTheirDetails() {
        JsonNode page = SERVER.analyst().get("/async_query").json().path("data");
        assertThat(RetentionE2ETest.ids(page)).containsExactly(failedQuery, analystsQuery);
        assertThat(page.path("total_size").asInt()).isEqualTo(2);

        JsonNode failed = page.path("value").get(0);
        assertThat(failed.path("status").asText()).isEqualTo("FAILED");
        assertThat(failed.path("owner").asText()).isEqualTo("ANALYST");
        assertThat(failed.path("project").asText()).isEqualTo("DEFAULT");
        assertThat(failed.path("file_size").isNull()).isTrue();
        assertThat(failed.path("finish_time").asLong()).isGreaterThanOrEqualTo(failed.path("submit_time").asLong());

        JsonNode successful = page.path("value").get(1);
        assertThat(successful.path("file_size").asLong()).isEqualTo(
                SERVER.analyst().get("/async_query/" + analystsQuery + "/filestatus").json().path("data").asLong());
    }

    @Test
    void anAdministratorSeesEveryoneAndCanFilterByProjectAndUser() {
        assertThat(RetentionE2ETest.ids(SERVER.admin().get("/async_query").json().path("data")))
                .contains(adminsQuery, analystsQuery, failedQuery);
        assertThat(RetentionE2ETest.ids(SERVER.admin().get("/async_query?project=LEARN_KYLIN").json().path("data")))
                .containsExactly(adminsQuery);
        assertThat(RetentionE2ETest.ids(SERVER.admin().get("/async_query?user=ANALYST").json().path("data")))
                .containsExactly(failedQuery, analystsQuery);
    }

    @Test
    void pagesThroughTheList() {
        JsonNode first = SERVER.analyst().get("/async_query?page_offset=0&page_size=1").json().path("data");
        JsonNode second = SERVER.analyst().get("/async_query?page_offset=1&page_size=1").json().path("data");
        assertThat(RetentionE2ETest.ids(first)).containsExactly(failedQuery);
        assertThat(RetentionE2ETest.ids(second)).containsExactly(analystsQuery);
        assertThat(second.path("total_size").asInt()).isEqualTo(2);
        assertThat(second.path("offset").asInt()).isEqualTo(1);
        assertThat(second.path("limit").asInt()).isEqualTo(1);
    }

    @Test
    void aUserMayNotListAnotherUsersQueriesAndBadPagingIsRefused() {
        ApiClient.Response refused = SERVER.analyst().get("/async_query?user=ADMIN");
        BadInputE2ETest.assertClientError(refused, 403, "ACCESS_DENIED");
        BadInputE2ETest.assertClientError(SERVER.analyst().get("/async_query?page_size=0"), 400, "INVALID_REQUEST");
        BadInputE2ETest.assertClientError(SERVER.analyst().get("/async_query?page_offset=-1"), 400, "INVALID_REQUEST");
        BadInputE2ETest.assertClientError(SERVER.analyst().get("/async_query?page_size=many"), 400, "INVALID_REQUEST");
    }
}
