package org.apache.kylin.asyncquery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import org.apache.kylin.asyncquery.testing.Eventually;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code client_request_id} on one real server: a retry answers the first attempt's query and starts nothing, a
 * different request with the same ID is a conflict, IDs are each user's own, and a deleted or refused query does
 * not keep its ID. (Across two servers: SafeRetriesAcrossServersE2ETest.)
 */
class SafeRetriesE2ETest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Map.of());
    /** One thread and no queue, so a second query is refused with QUEUE_FULL while one runs. */
    @RegisterExtension
    static final ServerExtension ONE_THREAD = new ServerExtension(Map.of("kylin.query.async.threads", "1",
            "kylin.query.async.queue-size", "0"));

    @Test
    void aRetryAnswersTheFirstQueryWithItsCurrentStatusAndStartsNothing() throws Exception {
        String body = withKey("{\"sql\":\"select * from KYLIN_COUNTRY\",\"project\":\"learn_kylin\"}", newKey());
        String first = SERVER.analyst().submit(body);
        SERVER.analyst().awaitDone(first);
        long folders = SERVER.queryFolderCount();

        JsonNode retry = submitData(SERVER.analyst(), body);
        assertThat(retry.path("queryID").asText()).isEqualTo(first);
        assertThat(retry.path("status").asText()).isEqualTo("SUCCESSFUL");
        assertThat(retry.path("result_rows").asLong()).isPositive();
        // The project spelt in other letters, as projects are matched, is the same request.
        assertThat(SERVER.analyst().submit(body.replace("learn_kylin", "LEARN_KYLIN"))).isEqualTo(first);
        assertThat(SERVER.queryFolderCount()).isEqualTo(folders);
    }

    @Test
    void theSameIdWithADifferentRequestIsAConflictAndWritesNothing() throws Exception {
        String key = newKey();
        String first = SERVER.analyst().submit(withKey("{\"sql\":\"select 1\",\"project\":\"learn_kylin\","
                + "\"offset\":1,\"limit\":5,\"format\":\"csv\",\"include_header\":true}", key));
        long folders = SERVER.queryFolderCount();
        String[] different = {
            "{\"sql\":\"select 2\",\"project\":\"learn_kylin\",\"offset\":1,\"limit\":5,\"include_header\":true}",
            "{\"sql\":\"select 1\",\"project\":\"ssb\",\"offset\":1,\"limit\":5,\"include_header\":true}",
            "{\"sql\":\"select 1\",\"project\":\"learn_kylin\",\"offset\":2,\"limit\":5,\"include_header\":true}",
            "{\"sql\":\"select 1\",\"project\":\"learn_kylin\",\"offset\":1,\"limit\":6,\"include_header\":true}",
            "{\"sql\":\"select 1\",\"project\":\"learn_kylin\",\"offset\":1,\"limit\":5}",
            "{\"sql\":\"select 1\",\"project\":\"learn_kylin\",\"offset\":1,\"limit\":5,\"include_header\":true,"
                + "\"format\":\"json\"}",
            "{\"sql\":\"select 1\",\"project\":\"learn_kylin\",\"offset\":1,\"limit\":5,\"include_header\":true,"
                + "\"file_name\":\"other\"}"};
        for (String body : different) {
            ApiClient.Response refused = SERVER.analyst().post("/async_query", withKey(body, key),
                    "Content-Type", "application/json");
            assertThat(refused.status()).as(body).isEqualTo(409);
            assertThat(refused.json().path("error_code").asText()).isEqualTo("REQUEST_CONFLICT");
            assertThat(refused.json().path("msg").asText()).contains("client_request_id").contains(first);
        }
        assertThat(SERVER.queryFolderCount()).isEqualTo(folders);
        // The ID still answers the request it was first sent with.
        assertThat(SERVER.analyst().submit(withKey("{\"sql\":\"select 1\",\"project\":\"learn_kylin\","
                + "\"offset\":1,\"limit\":5,\"include_header\":true}", key))).isEqualTo(first);
    }

    @Test
    void anotherUsersSameIdIsTheirOwnAndRevealsNothing() {
        String key = newKey();
        String body = withKey("{\"sql\":\"select 1\",\"project\":\"learn_kylin\"}", key);
        String analysts = SERVER.analyst().submit(body);
        String modelers = SERVER.modeler().submit(body);
        assertThat(modelers).isNotEqualTo(analysts);
        assertThat(SERVER.modeler().submit(body)).isEqualTo(modelers);
        assertThat(SERVER.analyst().submit(body)).isEqualTo(analysts);
        // A different request under that ID is the modeler's own conflict, never a glimpse of the analyst's query.
        ApiClient.Response conflict = SERVER.modeler().post("/async_query",
                withKey("{\"sql\":\"select 2\",\"project\":\"learn_kylin\"}", key), "Content-Type",
                "application/json");
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.text()).contains(modelers).doesNotContain(analysts);
        assertThat(SERVER.modeler().get("/async_query/" + analysts + "/status").status()).isEqualTo(403);
    }

    @Test
    void aDeletedQueryFreesItsId() {
        String body = withKey("{\"sql\":\"select 1\",\"project\":\"learn_kylin\"}", newKey());
        String first = SERVER.analyst().submit(body);
        SERVER.analyst().awaitDone(first);
        assertThat(SERVER.analyst().delete("/async_query/" + first).status()).isEqualTo(200);

        String second = SERVER.analyst().submit(body);
        assertThat(second).isNotEqualTo(first);
        assertThat(SERVER.analyst().submit(body)).isEqualTo(second);
        // Once its query is gone, the ID may name a different request: a new query, not a conflict.
        assertThat(SERVER.analyst().delete("/async_query/" + second).status()).isEqualTo(200);
        String third = SERVER.analyst().submit(body.replace("select 1", "select 3"));
        assertThat(third).isNotIn(first, second);
    }

    @Test
    void concurrentSubmitsWithOneIdStartOneQuery() throws Exception {
        String body = withKey("{\"sql\":\"select * from KYLIN_CAL_DT\",\"project\":\"learn_kylin\"}", newKey());
        long folders = SERVER.queryFolderCount();
        Set<String> ids = new HashSet<>(submitAtOnce(8, i -> SERVER.analyst(), body));
        assertThat(ids).hasSize(1);
        assertThat(SERVER.queryFolderCount()).isEqualTo(folders + 1);
        JsonNode listed = SERVER.analyst().get("/async_query?page_size=1000").json().path("data").path("value");
        assertThat(listed.findValuesAsText("queryID")).containsOnlyOnce(ids.iterator().next());
    }

    @Test
    void anUnknownProjectIsRecordedFailedAndARetryAnswersThat() {
        String body = withKey("{\"sql\":\"select 1\",\"project\":\"NO_SUCH_PROJECT\"}", newKey());
        JsonNode first = submitData(SERVER.analyst(), body);
        assertThat(first.path("status").asText()).isEqualTo("FAILED");
        JsonNode retry = submitData(SERVER.analyst(), body);
        assertThat(retry.path("queryID").asText()).isEqualTo(first.path("queryID").asText());
        assertThat(retry.path("status").asText()).isEqualTo("FAILED");
        assertThat(retry.path("info").asText()).isEqualTo(first.path("info").asText());
    }

    @Test
    void aRefusedSubmitDoesNotKeepItsId() {
        ApiClient analyst = ONE_THREAD.analyst();
        String busy = ONE_THREAD.admin().submit(SlowQueries.STREAMING_CROSS_JOIN);
        String body = withKey("{\"sql\":\"select 1\",\"project\":\"learn_kylin\"}", newKey());
        ApiClient.Response refused = analyst.post("/async_query", body, "Content-Type", "application/json");
        assertThat(refused.status()).as(refused.text()).isEqualTo(429);
        assertThat(refused.json().path("error_code").asText()).isEqualTo("QUEUE_FULL");

        assertThat(ONE_THREAD.admin().delete("/async_query/" + busy).status()).isEqualTo(200);
        ApiClient.Response accepted = Eventually.await("a free thread once the slow query is deleted",
                () -> analyst.post("/async_query", body, "Content-Type", "application/json"),
                response -> response.status() == 200);
        String id = accepted.json().path("data").path("queryID").asText();
        assertThat(analyst.awaitDone(id).path("status").asText()).isEqualTo("SUCCESSFUL");
        assertThat(analyst.submit(body)).isEqualTo(id);
    }

    @Test
    void badValuesAreRefused() throws Exception {
        String[] bad = {"\"client_request_id\":\"\"", "\"client_request_id\":\"  \"",
            "\"client_request_id\":\"" + "k".repeat(129) + "\"", "\"client_request_id\":42",
            "\"wait_timeout_seconds\":51", "\"wait_timeout_seconds\":-1", "\"wait_timeout_seconds\":\"soon\"",
            "\"wait_timeout_seconds\":2.5"};
        long folders = SERVER.queryFolderCount();
        for (String field : bad) {
            ApiClient.Response refused = SERVER.analyst().post("/async_query", "{\"sql\":\"select 1\"," + field + "}",
                    "Content-Type", "application/json");
            assertThat(refused.status()).as(field).isEqualTo(400);
            assertThat(refused.json().path("error_code").asText()).isEqualTo("INVALID_REQUEST");
        }
        assertThat(SERVER.queryFolderCount()).isEqualTo(folders);
    }

    static String newKey() {
        return "retry-" + UUID.randomUUID();
    }

    /** The body with {@code "client_request_id"} added. */
    static String withKey(String body, String key) {
        return body.substring(0, body.lastIndexOf('}')) + ",\"client_request_id\":\"" + key + "\"}";
    }

    static JsonNode submitData(ApiClient client, String body) {
        ApiClient.Response response = client.post("/async_query", body, "Content-Type", "application/json");
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json().path("data");
    }

    /** Sends {@code body} from {@code count} threads at once, each through the client its index picks; the IDs. */
    static List<String> submitAtOnce(int count, IntFunction<ApiClient> clients, String body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> submits = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ApiClient client = clients.apply(i);
                submits.add(pool.submit(() -> {
                    start.await();
                    return client.submit(body);
                }));
            }
            start.countDown();
            List<String> ids = new ArrayList<>();
            for (Future<String> submit : submits) {
                ids.add(submit.get());
            }
            return ids;
        } finally {
            pool.shutdownNow();
        }
    }
}
