package org.apache.kylin.asyncquery.e2e;

import static org.apache.kylin.asyncquery.testing.Eventually.assertEventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kylin.asyncquery.testing.Eventually;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real standalone server started with {@code kylin.query.async.enabled=false}: every endpoint answers the 404
 * envelope ASYNC_QUERY_DISABLED to anyone (wrong credentials are still refused), nothing runs (no thread of the
 * executor, heartbeat, cleaner or SQL check) and nothing is written to the working directory; the export page still
 * loads and says so.
 */
class DisabledSwitchE2ETest {
    private static final String QUERY_ID = "9b88efc7-490f-4e88-b63e-0fe298f2a973";
    private static final String MESSAGE = "async query export is disabled on this server";

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Map.of("kylin.query.async.enabled", "false"));

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "POST, /async_query",
        "GET, /async_query/projects",
        "GET, /async_query/" + QUERY_ID + "/status",
        "GET, /async_query/" + QUERY_ID + "/metadata",
        "GET, /async_query/" + QUERY_ID + "/filestatus",
        "GET, /async_query/" + QUERY_ID + "/file_status",
        "GET, /async_query/" + QUERY_ID + "/result_download",
        "GET, /async_query/" + QUERY_ID + "/result",
        "GET, /async_query/" + QUERY_ID + "/result_path",
        "GET, /async_query",
        "GET, /async_query?page_size=5&project=learn_kylin",
        "DELETE, /async_query",
        "DELETE, /async_query?older_than=2026-11-01%2000:00:00",
        "DELETE, /async_query/stop/" + QUERY_ID,
        "DELETE, /async_query/" + QUERY_ID,
        // Checked before anything of the request is read: a bad ID is not even looked at.
        "GET, /async_query/not-a-query-id/status"})
    void everyEndpointSaysItIsDisabledToAnyone(String method, String path) throws IOException {
        for (ApiClient client : List.of(SERVER.admin(), SERVER.analyst(), SERVER.anonymous())) {
            ApiClient.Response response = "POST".equals(method)
                    ? client.post(path, "{\"sql\":\"select 1\",\"project\":\"learn_kylin\"}",
                            "Content-Type", "application/json")
                    : client.send(method, path, null);
            assertDisabled(response);
        }
        assertNothingWritten();
    }

    @Test
    void headOfADownloadIsRefusedWithoutABody() {
        ApiClient.Response response = SERVER.admin().send("HEAD", "/async_query/" + QUERY_ID + "/result_download",
                null);
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.bytes()).isEmpty();
    }

    @Test
    void wrongCredentialsAreStillRefused() {
        ApiClient.Response response = SERVER.as("ADMIN", "wrong").get("/async_query/projects");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().path("error_code").asText()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void nothingRunsAndNothingIsWritten() throws IOException {
        for (int i = 0; i < 3; i++) {
            assertDisabled(SERVER.admin().post("/async_query", "{\"sql\":\"select 1\"}",
                    "Content-Type", "application/json"));
        }
        // Threads of servers that earlier test classes closed in this JVM end on their own; none is started here.
        assertEventually(() -> assertThat(asyncQueryThreads()).isEmpty());
        assertNothingWritten();
    }

    /** The page's files still load, and the page says the export is off instead of asking for a password. */
    @Test
    void theExportPageSaysSo() {
        Path chromium = Path.of("/usr/bin/chromium");
        Path chromedriver = Path.of("/usr/bin/chromedriver");
        assumeTrue(Files.isExecutable(chromium) && Files.isExecutable(chromedriver),
                "Debian's chromium and chromium-driver are not installed (bin/run-tests installs them as root)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1100,900");
        ChromeDriver browser = new ChromeDriver(
                new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile()).build(), options);
        try {
            browser.get("http://localhost:" + SERVER.port() + "/kylin/async-export/");
            WebDriverWait wait = new WebDriverWait(browser, Eventually.PATIENCE);
            wait.until(d -> d.findElement(By.id("disabled")).isDisplayed());
            assertThat(browser.findElement(By.id("disabled-message")).getText()).contains(MESSAGE);
            assertThat(browser.findElement(By.id("login")).isDisplayed()).isFalse();
            assertThat(browser.findElement(By.id("export")).isDisplayed()).isFalse();
        } finally {
            browser.quit();
        }
    }

    private static void assertDisabled(ApiClient.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(404);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        JsonNode json = response.json();
        assertThat(json.path("code").asText()).isEqualTo("999");
        assertThat(json.path("error_code").asText()).isEqualTo("ASYNC_QUERY_DISABLED");
        assertThat(json.path("msg").asText()).isEqualTo(MESSAGE);
        assertThat(json.path("data").isNull()).isTrue();
        assertThat(response.text()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    /** The working directory is never created: no heartbeat, no record, no folder. */
    private static void assertNothingWritten() throws IOException {
        Path workingDir = SERVER.workingDir();
        if (Files.exists(workingDir)) {
            try (Stream<Path> files = Files.walk(workingDir)) {
                assertThat(files.filter(path -> !path.equals(workingDir)).collect(Collectors.toList())).isEmpty();
            }
        }
    }

    private static List<String> asyncQueryThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("async-query-") && !name.equals("async-query-shutdown"))
                .collect(Collectors.toList());
    }
}
