package org.apache.kylin.asyncquery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Who may see and delete which query, and what an unauthenticated caller gets: over real HTTP. */
class OwnershipE2ETest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Map.of());

    private static final String[] QUERY_ENDPOINTS = {"status", "metadata", "filestatus", "file_status",
        "result_download", "result", "result_path"};

    @Test
    void anotherUsersQueryIsForbiddenOnEveryEndpoint() {
        String id = SERVER.admin().runToSuccess("{\"sql\":\"select 1\"}");
        for (String endpoint : QUERY_ENDPOINTS) {
            ApiClient.Response response = SERVER.modeler().get("/async_query/" + id + "/" + endpoint);
            assertThat(response.status()).as(endpoint).isEqualTo(403);
            assertThat(response.json().path("code").asText()).isNotEqualTo("000");
            assertThat(response.json().path("error_code").asText()).isEqualTo("ACCESS_DENIED");
            assertThat(response.json().path("msg").asText()).contains("MODELER").contains(id);
        }
        assertThat(SERVER.modeler().delete("/async_query/" + id).status()).isEqualTo(403);
        assertThat(SERVER.admin().status(id)).isEqualTo("SUCCESSFUL");
    }

    @Test
    void ownerAndAdministratorMayUseAQuery() {
        String id = SERVER.modeler().runToSuccess("{\"sql\":\"select 1\"}");
        for (String endpoint : QUERY_ENDPOINTS) {
            assertThat(SERVER.modeler().get("/async_query/" + id + "/" + endpoint).status()).as(endpoint).isEqualTo(200);
            assertThat(SERVER.admin().get("/async_query/" + id + "/" + endpoint).status()).as(endpoint).isEqualTo(200);
        }
        assertThat(SERVER.admin().delete("/async_query/" + id).json().path("data").asBoolean()).isTrue();
    }

    @Test
    void deleteAllByANonAdministratorDeletesOnlyTheirOwn() {
        String analystsQuery = SERVER.analyst().runToSuccess("{\"sql\":\"select 1\"}");
        String modelersQuery = SERVER.modeler().runToSuccess("{\"sql\":\"select 2\"}");

        assertThat(SERVER.analyst().delete("/async_query").json().path("data").asBoolean()).isTrue();

        assertThat(SERVER.admin().status(analystsQuery)).isEqualTo("MISSING");
        assertThat(SERVER.admin().status(modelersQuery)).isEqualTo("SUCCESSFUL");

        assertThat(SERVER.admin().delete("/async_query").json().path("data").asBoolean()).isTrue();
        assertThat(SERVER.admin().status(modelersQuery)).isEqualTo("MISSING");
    }

    @Test
    void withoutValidCredentialsEveryEndpointAnswers401InTheEnvelope() {
        String id = SERVER.admin().runToSuccess("{\"sql\":\"select 1\"}");
        // Wrong passwords go round the users: more than five in a row for one would meet the back-off (429).
        java.util.Iterator<ApiClient> wrongPasswords = java.util.stream.Stream.generate(() -> List.of(
                SERVER.as("ADMIN", "wrong"), SERVER.as("MODELER", "wrong"), SERVER.as("ANALYST", "wrong")))
                .flatMap(List::stream).iterator();
        for (boolean anonymous : new boolean[] {true, false}) {
            java.util.function.Supplier<ApiClient> client = () -> anonymous ? SERVER.anonymous() : wrongPasswords.next();
            for (String endpoint : QUERY_ENDPOINTS) {
                assertUnauthorized(client.get().get("/async_query/" + id + "/" + endpoint));
            }
            assertUnauthorized(client.get().post("/async_query", "{\"sql\":\"select 1\"}", "Content-Type",
                    "application/json"));
            assertUnauthorized(client.get().delete("/async_query/" + id));
            assertUnauthorized(client.get().delete("/async_query"));
        }
        assertThat(SERVER.admin().status(id)).isEqualTo("SUCCESSFUL");
    }

    private static void assertUnauthorized(ApiClient.Response response) {
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Basic");
        assertThat(response.json().path("code").asText()).isNotEqualTo("000");
        assertThat(response.json().path("error_code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(response.json().path("msg").asText()).isNotBlank();
    }
}
