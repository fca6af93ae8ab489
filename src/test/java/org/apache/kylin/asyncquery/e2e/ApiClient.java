package org.apache.kylin.asyncquery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.apache.kylin.asyncquery.testing.Eventually;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Talks HTTP to a running server as one user, the way the documents' curl examples do. Every answer is checked
 * against the API description the server ships ({@link ApiConformance}): a test fails on an answer the document
 * does not describe.
 */
final class ApiClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final int port;
    private final String authorization;

    ApiClient(int port, String user, String password) {
        this.port = port;
        this.authorization = user == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + "/kylin/api" + path);
    }

    Response send(String method, String path, String body, String... headers) {
        if (body != null) {
            return sendBytes(method, path, body.getBytes(StandardCharsets.UTF_8), headers);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.noBody());
        return send(request, headers);
    }

    Response sendBytes(String method, String path, byte[] body, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)), headers);
    }

    private Response send(HttpRequest.Builder request, String... headers) {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpRequest built = request.build();
            HttpResponse<byte[]> response = HTTP.send(built, HttpResponse.BodyHandlers.ofByteArray());
            ApiConformance.check(port, built.method(), built.uri(), response.statusCode(), response.headers().map(),
                    response.body());
            return new Response(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends to an absolute URL (a download link, say), with this client's credentials if it has any. */
    Response sendTo(String method, URI url, String... headers) {
        return send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.noBody()), headers);
    }

    Response get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    Response delete(String path, String... headers) {
        return send("DELETE", path, null, headers);
    }

    Response post(String path, String body, String... headers) {
        return send("POST", path, body, headers);
    }

    /** Submits JSON with Content-Type application/json and returns the new query's ID. */
    String submit(String json) {
        Response response = post("/async_query", json, "Content-Type", "application/json");
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.json().path("code").asText()).isEqualTo("000");
        return response.json().path("data").path("queryID").asText();
    }

    /** The {@code data} object of GET /async_query/{id}/status, whatever the answer's HTTP status. */
    JsonNode statusData(String queryId) {
        return get("/async_query/" + queryId + "/status").json().path("data");
    }

    /** The query's status as the status call names it: RUNNING, SUCCESSFUL, FAILED or MISSING. */
    String status(String queryId) {
        return statusData(queryId).path("status").asText();
    }

    /** Polls status until the query leaves RUNNING; returns the final data object. */
    JsonNode awaitDone(String queryId) {
        return Eventually.await("query " + queryId + " to leave RUNNING", () -> statusData(queryId),
                data -> !"RUNNING".equals(data.path("status").asText()));
    }

    /** Submits, waits, and asserts the query succeeded; returns its ID. */
    String runToSuccess(String json) {
        String id = submit(json);
        JsonNode done = awaitDone(id);
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("SUCCESSFUL");
        return id;
    }

    record Response(HttpResponse<byte[]> raw) {
        int status() {
            return raw.statusCode();
        }

        String text() {
            return new String(raw.body(), StandardCharsets.UTF_8);
        }

        byte[] bytes() {
            return raw.body();
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new AssertionError("Not JSON (HTTP " + status() + "): " + text(), e);
            }
        }
    }
}
