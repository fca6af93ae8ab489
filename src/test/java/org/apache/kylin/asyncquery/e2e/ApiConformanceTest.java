package org.apache.kylin.asyncquery.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The conformance check is a real check: answers the document does not describe are refused. (FAKE answers, built
 * here by hand, since the real server gives none of them; the real server's answers are checked in every e2e test.)
 */
class ApiConformanceTest {
    private static final int PORT = -1;
    private static final String ID = "9b88efc7-490f-4e88-b63e-0fe298f2a973";
    private static final Map<String, List<String>> JSON = Map.of("content-type", List.of("application/json"));

    @Test
    void aConformingAnswerPassesAndIsNoted() {
        ApiConformance.forget(PORT);
        check("GET", "/async_query/" + ID + "/status", 200, JSON, "{\"code\":\"000\",\"data\":{\"queryID\":\"" + ID
                + "\",\"status\":\"RUNNING\",\"info\":\"still running\",\"queue_position\":1},\"msg\":\"\"}");
        check("GET", "/async_query/" + ID + "/status", 400, JSON,
                "{\"code\":\"999\",\"data\":null,\"msg\":\"not an ID\",\"error_code\":\"INVALID_QUERY_ID\"}");
        assertThat(ApiConformance.seen(PORT)).containsExactly("GET /async_query/{queryID}/status 200",
                "GET /async_query/{queryID}/status 400 INVALID_QUERY_ID");
        ApiConformance.forget(PORT);
    }

    @Test
    void anErrorCodeUnderAnotherStatusThanItsOwnIsRefused() {
        assertThatThrownBy(() -> check("GET", "/async_query/" + ID + "/status", 400, JSON,
                "{\"code\":\"999\",\"data\":null,\"msg\":\"full\",\"error_code\":\"QUEUE_FULL\"}"))
                .hasMessageContaining("does not conform");
    }

    @Test
    void anUndocumentedFieldStatusOrShapeIsRefused() {
        assertThatThrownBy(() -> check("GET", "/async_query/" + ID + "/status", 200, JSON, "{\"code\":\"000\","
                + "\"data\":{\"queryID\":\"" + ID + "\",\"status\":\"RUNNING\",\"info\":\"x\",\"extra\":1},\"msg\":\"\"}"))
                .hasMessageContaining("extra");
        assertThatThrownBy(() -> check("GET", "/async_query/" + ID + "/status", 418, JSON, "{}"))
                .hasMessageContaining("does not conform");
        assertThatThrownBy(() -> check("GET", "/async_query/" + ID + "/filestatus", 200, JSON,
                "{\"code\":\"000\",\"data\":\"143\",\"msg\":\"\"}")).hasMessageContaining("does not conform");
        assertThatThrownBy(() -> check("GET", "/async_query/" + ID + "/status", 400, JSON,
                "{\"code\":\"999\",\"data\":null,\"msg\":\"x\"}")).hasMessageContaining("error_code");
    }

    @Test
    void aDownloadWithoutItsTagIsRefused() {
        Map<String, List<String>> headers = Map.of("content-type", List.of("text/csv;charset=utf-8"),
                "content-disposition", List.of("attachment; filename=\"result.csv\""), "accept-ranges", List.of("bytes"));
        assertThatThrownBy(() -> check("GET", "/async_query/" + ID + "/result_download", 200, headers, "1\r\n"))
                .hasMessageContaining("ETag");
    }

    @Test
    void anAnswerOutsideTheDocumentMustStillBeAnErrorEnvelope() {
        check("GET", "/async_query/x/y/z", 404, JSON,
                "{\"code\":\"999\",\"data\":null,\"msg\":\"No endpoint\",\"error_code\":\"INVALID_REQUEST\"}");
        assertThatThrownBy(() -> check("GET", "/async_query/x/y/z", 404, JSON, "<html>Not found</html>"))
                .hasMessageContaining("does not conform");
        assertThatThrownBy(() -> check("PUT", "/async_query", 200, JSON, "{\"code\":\"000\",\"data\":true,\"msg\":\"\"}"))
                .hasMessageContaining("does not conform");
    }

    private static void check(String method, String path, int status, Map<String, List<String>> headers, String body) {
        ApiConformance.check(PORT, method, URI.create("http://localhost/kylin/api" + path), status, headers,
                body.getBytes(StandardCharsets.UTF_8));
    }
}
