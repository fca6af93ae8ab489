package org.apache.kylin.asyncquery.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The async query API as a benchmark uses it, over real HTTP with Basic auth as ADMIN. */
final class BenchClient {
    static final String AUTHORIZATION = "Basic "
            + Base64.getEncoder().encodeToString("ADMIN:KYLIN".getBytes(StandardCharsets.US_ASCII));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private String project = BenchRows.PROJECT;

    BenchClient(int port) {
        this.base = "http://127.0.0.1:" + port + "/kylin/api/async_query";
    }

    void setProject(String project) {
        this.project = project;
    }

    String base() {
        return base;
    }

    /** A submission's answer: the HTTP status and, when accepted, the query ID. */
    static final class Submitted {
        final int httpStatus;
        final String queryId;
        final String body;

        Submitted(int httpStatus, String queryId, String body) {
            this.httpStatus = httpStatus;
            this.queryId = queryId;
            this.body = body;
        }
    }

    Submitted trySubmit(String sql, String format) throws IOException, InterruptedException {
        return trySubmit(sql, format, Map.of());
    }

    Submitted trySubmit(String sql, String format, Map<String, Object> options)
            throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sql", sql);
        body.put("project", project);
        body.put("format", format);
        body.put("include_header", true);
        body.putAll(options);
        HttpResponse<String> response = http.send(request(base)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        String id = response.statusCode() == 200 ? JSON.readTree(response.body()).path("data").path("queryID").asText()
                : null;
        return new Submitted(response.statusCode(), id, response.body());
    }

    String submit(String sql, String format) throws IOException, InterruptedException {
        return submit(sql, format, Map.of());
    }

    /** Submits with more request fields, such as {@code compression}. */
    String submit(String sql, String format, Map<String, Object> options) throws IOException, InterruptedException {
        Submitted submitted = trySubmit(sql, format, options);
        if (submitted.queryId == null) {
            throw new IOException("Submission refused: HTTP " + submitted.httpStatus + " " + submitted.body);
        }
        return submitted.queryId;
    }

    JsonNode status(String id) throws IOException, InterruptedException {
        return get("/" + id + "/status").path("data");
    }

    /** Polls until SUCCESSFUL or FAILED; returns the final status answer. */
    JsonNode awaitTerminal(String id, long pollMillis) throws IOException, InterruptedException {
        while (true) {
            JsonNode status = status(id);
            String state = status.path("status").asText();
            if (state.equals("SUCCESSFUL") || state.equals("FAILED") || state.equals("MISSING")) {
                return status;
            }
            Thread.sleep(pollMillis);
        }
    }

    String resultPath(String id) throws IOException, InterruptedException {
        return get("/" + id + "/result_path").path("data").asText();
    }

    void stop(String id) throws IOException, InterruptedException {
        send(request(base + "/stop/" + id).DELETE().build());
    }

    void delete(String id) throws IOException, InterruptedException {
        send(request(base + "/" + id).DELETE().build());
    }

    /** Reads the whole download and counts its bytes. */
    long download(String id) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(request(base + "/" + id + "/result_download").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long bytes = 0;
        byte[] buffer = new byte[256 * 1024];
        try (InputStream in = response.body()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                bytes += n;
            }
        }
        return bytes;
    }

    /** A download read to the end: its bytes, its lines (LF count) and its SHA-256, in hex. */
    static final class Digest {
        final long bytes;
        final long lines;
        final String sha256;

        Digest(long bytes, long lines, String sha256) {
            this.bytes = bytes;
            this.lines = lines;
            this.sha256 = sha256;
        }
    }

    /** Reads the whole download through {@code result_download}, digesting it. */
    Digest digestDownload(String id) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(request(base + "/" + id + "/result_download").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IOException("Download of " + id + ": HTTP " + response.statusCode());
        }
        try (InputStream in = response.body()) {
            return digest(in);
        }
    }

    static Digest digest(InputStream in) throws IOException {
        java.security.MessageDigest sha;
        try {
            sha = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long bytes = 0;
        long lines = 0;
        byte[] buffer = new byte[256 * 1024];
        for (int n; (n = in.read(buffer)) > 0; ) {
            sha.update(buffer, 0, n);
            bytes += n;
            for (int i = 0; i < n; i++) {
                if (buffer[i] == '\n') {
                    lines++;
                }
            }
        }
        return new Digest(bytes, lines, java.util.HexFormat.of().formatHex(sha.digest()));
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        return JSON.readTree(send(request(base + path).GET().build()));
    }

    private String send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(request.method() + " " + request.uri() + ": HTTP " + response.statusCode() + " "
                    + response.body());
        }
        return response.body();
    }

    private static HttpRequest.Builder request(String uri) {
        return HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofMinutes(30))
                .header("Authorization", AUTHORIZATION);
    }
}
