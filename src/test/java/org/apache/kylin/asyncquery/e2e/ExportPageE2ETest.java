package org.apache.kylin.asyncquery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The export page's static files, as the standalone server serves them at {@code /kylin/async-export/} from the
 * jar's {@code META-INF/resources/async-export/}: to anyone, with their types, revalidated on each use, and
 * nothing else from the server's disk or class path.
 */
class ExportPageE2ETest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PAGE_FOLDER = "META-INF/resources/async-export/";

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Map.of());

    @ParameterizedTest
    @CsvSource({
        "index.html, text/html;charset=utf-8",
        "demo.html, text/html;charset=utf-8",
        "async-export.js, application/javascript;charset=utf-8",
        "async-export-api.js, application/javascript;charset=utf-8",
        "async-export-button.js, application/javascript;charset=utf-8",
        "async-export.css, text/css;charset=utf-8"})
    void eachFileIsServedToAnyoneWithItsType(String file, String contentType) {
        HttpResponse<byte[]> response = get("/kylin/async-export/" + file, null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(contentType);
        assertThat(response.body()).isEqualTo(classPathBytes(file));
        assertThat(response.headers().firstValue("Cache-Control")).as("revalidated on each use").hasValue("no-cache");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void theFolderServesItsIndex() {
        HttpResponse<byte[]> response = get("/kylin/async-export/", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
        assertThat(response.body()).isEqualTo(classPathBytes("index.html"));
    }

    /** The page's links are relative, so the folder's address without its slash is redirected to the one with. */
    @Test
    void theFolderWithoutItsSlashIsRedirected() {
        HttpResponse<byte[]> response = get("/kylin/async-export", null);
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/kylin/async-export/"));
    }

    @Test
    void aRevalidatedFileIsNotSentAgain() {
        HttpResponse<byte[]> first = get("/kylin/async-export/async-export.js", null);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> again = send("GET", "/kylin/async-export/async-export.js", null, "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void headAnswersWithoutTheBody() {
        HttpResponse<byte[]> response = send("HEAD", "/kylin/async-export/async-export.js", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/javascript;charset=utf-8");
        assertThat(response.body()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"PUT", "DELETE"})
    void theFilesCannotBeChanged(String method) {
        HttpResponse<byte[]> response = send(method, "/kylin/async-export/index.html", null);
        assertThat(response.statusCode()).as(method).isEqualTo(405);
        assertThat(get("/kylin/async-export/index.html", null).body()).isEqualTo(classPathBytes("index.html"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"missing.js", "readme.txt", "index.html.bak", "sub/", "sub/index.html", "INDEX.HTML"})
    void anythingElseInTheFolderIsNotFound(String name) {
        HttpResponse<byte[]> response = get("/kylin/async-export/" + name, null);
        assertThat(response.statusCode()).as(name).isEqualTo(404);
        assertThat(text(response)).as(name).contains("\"code\":\"999\"");
    }

    @Test
    void noFolderIsListed() {
        HttpResponse<byte[]> root = get("/kylin/", "ADMIN:KYLIN");
        assertThat(root.statusCode()).isEqualTo(404);
        assertThat(text(root)).doesNotContain("async-export");
    }

    /** Nothing outside the page's folder is reachable through it, however the path is spelled. */
    @ParameterizedTest
    @CsvSource({
        "/kylin/async-export/../../conf/users.properties, 404",
        "/kylin/async-export/%2e%2e/%2e%2e/conf/users.properties, 404",
        "/kylin/async-export/..%2f..%2fconf%2fusers.properties, 400",
        "/kylin/async-export/..%5c..%5cconf%5cusers.properties, 400",
        "/kylin/async-export/%252e%252e/%252e%252e/conf/users.properties, 400",
        "/kylin/async-export/index.html%00.js, 400",
        "/kylin/async-export/;x=1/../../../conf/users.properties, 400",
        "/kylin/async-export//etc/passwd, 400",
        "/kylin/async-export/../../../../../../etc/passwd, 400",
        "/kylin/async-export/WEB-INF/web.xml, 404",
        "/kylin/async-export/META-INF/MANIFEST.MF, 404",
        "/kylin/async-export/org/apache/kylin/asyncquery/standalone/StandaloneServer.class, 404",
        "/kylin/async-export/logback.xml, 404"})
    void pathsThatLeaveTheFolderAreRefused(String path, int status) {
        HttpResponse<byte[]> response = get(path, null);
        assertThat(response.statusCode()).as(path).isEqualTo(status);
        assertThat(text(response)).as(path).doesNotContain("ADMIN=").doesNotContain("root:")
                .doesNotContain("<configuration");
    }

    private static HttpResponse<byte[]> get(String path, String user) {
        return send("GET", path, user);
    }

    private static HttpResponse<byte[]> send(String method, String path, String user, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + SERVER.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        if (user != null) {
            request.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static byte[] classPathBytes(String file) {
        try (InputStream in = ExportPageE2ETest.class.getClassLoader().getResourceAsStream(PAGE_FOLDER + file)) {
            assertThat(in).as(file).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
