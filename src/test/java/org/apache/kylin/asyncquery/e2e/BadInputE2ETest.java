package org.apache.kylin.asyncquery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A client's mistakes get a 4xx envelope with a message a person understands, never a 500 or a stack trace, and
 * a refused submission writes nothing.
 */
class BadInputE2ETest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Map.of());

    @ParameterizedTest
    @ValueSource(strings = {
        "", "{", "not json", "{\"sql\": }", "[]", "[{\"sql\":\"select 1\"},{\"sql\":\"select 2\"}]", "42",
        "{}", "{\"sql\":\"\"}", "{\"sql\":\"   \"}", "{\"sql\":null}", "{\"sql\":5}",
        "{\"sql\":\"select 1\",\"offset\":-1}", "{\"sql\":\"select 1\",\"limit\":-10}",
        "{\"sql\":\"select 1\",\"limit\":1.5}", "{\"sql\":\"select 1\",\"limit\":\"ten\"}",
        "{\"sql\":\"select 1\",\"separator\":\"\"}", "{\"sql\":\"select 1\",\"separator\":\";;\"}",
        "{\"sql\":\"select 1\",\"separator\":\"\\\"\"}", "{\"sql\":\"select 1\",\"separator\":1}",
        "{\"sql\":\"select 1\",\"project\":\"\"}", "{\"sql\":\"select 1\",\"include_header\":\"maybe\"}",
        "{\"sql\":\"select 1\",\"format\":\"pdf\"}"
    })
    void malformedSubmissionsAreRefusedAndWriteNothing(String body) throws Exception {
        long before = SERVER.queryFolderCount();
        ApiClient.Response response = SERVER.admin().post("/async_query", body, "Content-Type", "application/json");
        assertClientError(response, 400, "INVALID_REQUEST");
        assertThat(SERVER.queryFolderCount()).isEqualTo(before);
    }

    @Test
    void messagesNameTheProblem() {
        assertThat(refusal("{\"sql\":\"select 1\",\"offset\":-1}")).contains("offset").contains("negative");
        assertThat(refusal("{\"sql\":\"select 1\",\"separator\":\";;\"}")).contains("separator")
                .contains("one character");
        assertThat(refusal("{\"project\":\"ssb\"}")).contains("sql").contains("required");
        assertThat(refusal("{\"sql\": }")).contains("not valid JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-uuid", "..", "..%2F..%2Fetc", "43eeb967e76a4214893270594d454013",
        "43eeb967-e76a-4214-8932-70594d45401", "43eeb967-e76a-4214-8932-70594d454013x", "%2e%2e"})
    void queryIdsThatAreNotUuidsAreRefused(String badId) {
        for (String endpoint : new String[] {"status", "metadata", "filestatus", "result_download", "result_path"}) {
            ApiClient.Response response = SERVER.admin().get("/async_query/" + badId + "/" + endpoint);
            assertThat(response.status()).as(endpoint + " " + badId).isBetween(400, 404);
            assertThat(response.json().path("code").asText()).isNotEqualTo("000");
            assertThat(response.text()).doesNotContain("Exception").doesNotContain("\tat ");
        }
        ApiClient.Response delete = SERVER.admin().delete("/async_query/" + badId);
        assertThat(delete.status()).isBetween(400, 404);
    }

    @Test
    void aNonUuidIdIsNamedInTheMessage() {
        ApiClient.Response response = SERVER.admin().get("/async_query/not-a-uuid/status");
        assertClientError(response, 400, "INVALID_QUERY_ID");
        assertThat(response.json().path("msg").asText()).contains("not-a-uuid").contains("UUID");
    }

    @Test
    void unknownQueryAnswersMissingForStatusAnd404Elsewhere() {
        String id = "43eeb967-e76a-4214-8932-70594d454013";
        assertThat(SERVER.admin().status(id)).isEqualTo("MISSING");
        for (String endpoint : new String[] {"metadata", "filestatus", "result_download", "result_path"}) {
            assertClientError(SERVER.admin().get("/async_query/" + id + "/" + endpoint), 404, "QUERY_NOT_FOUND");
        }
    }

    @Test
    void aFailedQueryHasNoResult() {
        String id = SERVER.admin().submit("{\"sql\":\"select * from NOPE\"}");
        assertThat(SERVER.admin().awaitDone(id).path("status").asText()).isEqualTo("FAILED");
        for (String endpoint : new String[] {"metadata", "filestatus", "result_download", "result"}) {
            ApiClient.Response response = SERVER.admin().get("/async_query/" + id + "/" + endpoint);
            assertClientError(response, 409, "QUERY_NOT_SUCCESSFUL");
            assertThat(response.json().path("msg").asText()).contains("failed");
        }
    }

    @Test
    void aResultAskedForBeforeTheQueryIsSuccessfulIsRefused() {
        String id = SERVER.admin().submit(SlowQueries.STREAMING_CROSS_JOIN);
        try {
            for (String endpoint : new String[] {"metadata", "filestatus", "result_download"}) {
                ApiClient.Response response = SERVER.admin().get("/async_query/" + id + "/" + endpoint,
                        "Accept", "text/csv");
                assertClientError(response, 409, "QUERY_NOT_SUCCESSFUL");
                assertThat(response.json().path("msg").asText()).contains("still running");
            }
        } finally {
            SERVER.admin().delete("/async_query/" + id);
        }
    }

    private static String refusal(String body) {
        ApiClient.Response response = SERVER.admin().post("/async_query", body, "Content-Type", "application/json");
        assertClientError(response, 400, "INVALID_REQUEST");
        return response.json().path("msg").asText();
    }

    static void assertClientError(ApiClient.Response response, int status, String errorCode) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        JsonNode json = response.json();
        assertThat(json.path("code").asText()).isEqualTo("999");
        assertThat(json.path("error_code").asText()).isEqualTo(errorCode);
        assertThat(json.path("msg").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
    }
}
