package org.apache.kylin.asyncquery.cli;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The async query API over HTTP, with the JDK's {@link HttpURLConnection} only: the same calls against the
 * standalone server and a Kylin host. Every JSON answer is Kylin's envelope; one whose {@code code} is not
 * {@code "000"} (or any answer that is not an envelope) ends the command with {@link ExitCode#REFUSED}, and a
 * failure to connect or to hear back with {@link ExitCode#UNREACHABLE}.
 */
final class HttpApi {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_JSON_BYTES = 64 * 1024 * 1024;

    private final String apiRoot;
    private final String authorization;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;

    /**
     * @param baseUrl the application's URL, {@code http://host:7070/kylin} (a trailing {@code /} or {@code /api}
     *     is accepted too)
     * @param user null to send no credentials
     */
    HttpApi(String baseUrl, String user, char[] password, int connectTimeoutMillis, int readTimeoutMillis) {
        this.apiRoot = apiRoot(requireNonNull(baseUrl, "baseUrl is null"));
        this.authorization = user == null ? null : basic(user, password == null ? new char[0] : password);
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.readTimeoutMillis = readTimeoutMillis;
    }

    static String apiRoot(String baseUrl) {
        String base = baseUrl.trim();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        if (base.endsWith("/api")) {
            base = base.substring(0, base.length() - "/api".length());
        }
        if (!base.startsWith("http://") && !base.startsWith("https://")) {
            throw new CliException(ExitCode.USAGE, "'" + baseUrl + "' is not an http:// or https:// URL");
        }
        return base + "/api/async_query";
    }

    private static String basic(String user, char[] password) {
        String pair = user + ":" + new String(password);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** Where the API lives, for messages. */
    String apiRoot() {
        return apiRoot;
    }

    /** Sends a request whose answer is an envelope and returns its {@code data}. */
    JsonNode call(String method, String path, JsonNode body) {
        HttpURLConnection connection = open(method, path);
        try {
            connection.setRequestProperty("Accept", "application/json");
            if (body != null) {
                byte[] bytes = JSON.writeValueAsBytes(body);
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", "application/json;charset=utf-8");
                connection.setFixedLengthStreamingMode(bytes.length);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(bytes);
                }
            }
            int status = connection.getResponseCode();
            byte[] answer = readAll(status >= 400 ? connection.getErrorStream() : connection.getInputStream());
            return envelopeData(status, answer);
        } catch (IOException e) {
            throw unreachable(method, path, e);
        } finally {
            connection.disconnect();
        }
    }

    /**
     * Opens a request whose answer may be a stream (a download): the caller reads the status and headers, and
     * either streams the body or hands the connection to {@link #refusal} for the envelope.
     */
    HttpURLConnection stream(String method, String path, Map<String, String> headers) {
        HttpURLConnection connection = open(method, path);
        for (Map.Entry<String, String> header : headers.entrySet()) {
            connection.setRequestProperty(header.getKey(), header.getValue());
        }
        try {
            connection.getResponseCode();
            return connection;
        } catch (IOException e) {
            connection.disconnect();
            throw unreachable(method, path, e);
        }
    }

    /** The refusal an error answer of {@link #stream} carries (its envelope, or its bare status). */
    CliException refusal(HttpURLConnection connection) {
        try {
            int status = connection.getResponseCode();
            byte[] answer = readAll(connection.getErrorStream() != null ? connection.getErrorStream()
                    : connection.getInputStream());
            try {
                envelopeData(status, answer);
            } catch (CliException refused) {
                return refused;
            }
            return new CliException(ExitCode.REFUSED, "the server answered HTTP " + status + " "
                    + String.valueOf(connection.getResponseMessage()).trim());
        } catch (IOException e) {
            return unreachable(connection.getRequestMethod(), connection.getURL().getPath(), e);
        } finally {
            connection.disconnect();
        }
    }

    CliException unreachable(String method, String path, IOException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
        return new CliException(ExitCode.UNREACHABLE, "cannot reach " + apiRoot + path + " (" + method + "): "
                + reason, e);
    }

    private HttpURLConnection open(String method, String path) {
        try {
            HttpURLConnection connection = (HttpURLConnection) new URL(apiRoot + path).openConnection();
            connection.setRequestMethod(method);
            connection.setConnectTimeout(connectTimeoutMillis);
            connection.setReadTimeout(readTimeoutMillis);
            connection.setUseCaches(false);
            connection.setInstanceFollowRedirects(false);
            if (authorization != null) {
                connection.setRequestProperty("Authorization", authorization);
            }
            return connection;
        } catch (IOException e) {
            throw unreachable(method, path, e);
        }
    }

    private static JsonNode envelopeData(int status, byte[] answer) {
        JsonNode envelope;
        try {
            envelope = answer.length == 0 ? null : JSON.readTree(answer);
        } catch (IOException notJson) {
            envelope = null;
        }
        if (envelope == null || !envelope.isObject() || !envelope.has("code")) {
            throw new CliException(ExitCode.REFUSED, "the server answered HTTP " + status
                    + " without an API envelope" + snippet(answer));
        }
        String code = envelope.path("code").asText();
        if (!"000".equals(code) || status >= 400) {
            StringBuilder message = new StringBuilder("the server refused the request: HTTP ").append(status)
                    .append(", code ").append(code);
            if (envelope.hasNonNull("error_code")) {
                message.append(", ").append(envelope.get("error_code").asText());
            }
            message.append(": ").append(envelope.path("msg").asText(""));
            throw new CliException(ExitCode.REFUSED, message.toString());
        }
        return envelope.path("data");
    }

    private static String snippet(byte[] answer) {
        if (answer.length == 0) {
            return "";
        }
        String text = new String(answer, 0, Math.min(answer.length, 200), StandardCharsets.UTF_8)
                .replaceAll("\\s+", " ").trim();
        return ": " + text;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        if (in == null) {
            return new byte[0];
        }
        try (InputStream input = in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int read;
            while ((read = input.read(buffer)) != -1) {
                if (out.size() + read > MAX_JSON_BYTES) {
                    throw new IOException("answer larger than " + MAX_JSON_BYTES + " bytes");
                }
                out.write(buffer, 0, read);
            }
            return out.toByteArray();
        }
    }

    /** {@code ?a=1&b=2} of the non-null parameters, URL-encoded; empty when there are none. */
    static String query(Map<String, Object> parameters) {
        StringBuilder query = new StringBuilder();
        for (Map.Entry<String, Object> parameter : parameters.entrySet()) {
            if (parameter.getValue() == null) {
                continue;
            }
            query.append(query.length() == 0 ? '?' : '&').append(encode(parameter.getKey())).append('=')
                    .append(encode(String.valueOf(parameter.getValue())));
        }
        return query.toString();
    }

    static Map<String, Object> parameters() {
        return new LinkedHashMap<>();
    }

    private static String encode(String value) {
        try {
            return URLEncoder.encode(value, "UTF-8").replace("+", "%20");
        } catch (UnsupportedEncodingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
