package org.apache.kylin.asyncquery.e2e;

import static org.apache.kylin.asyncquery.testing.Eventually.assertEventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kylin.asyncquery.testing.Eventually;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The export page and the export button, driven in a real headless Chromium (Debian's chromium and chromedriver,
 * which .ci/run installs) against the real standalone server. Screenshots of the main states go to
 * target/screenshots (the README's come from there).
 */
class BrowserE2ETest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Map.of("kylin.query.async.threads", "2"));

    @RegisterExtension
    final AuditCapture audit = new AuditCapture();
    @TempDir
    Path downloads;
    ChromeDriver browser;
    WebDriverWait wait;

    @BeforeAll
    static void needsChromium() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian's chromium and chromium-driver are not installed (bin/run-tests installs them as root)");
        Files.createDirectories(SCREENSHOTS);
    }

    @BeforeEach
    void openBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1100,900");
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toAbsolutePath().toString());
        prefs.put("download.prompt_for_download", false);
        options.setExperimentalOption("prefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        browser = new ChromeDriver(service, options);
        // Selenium's own wait for the page's elements, as patient as the rest of the suite.
        wait = new WebDriverWait(browser, Eventually.PATIENCE);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aFullExportFromSubmitToDownloadedFile() throws Exception {
        signIn("ANALYST", "ANALYST");
        screenshot("export-form");
        sql("select COUNTRY, NAME from KYLIN_COUNTRY order by COUNTRY");
        new Select(browser.findElement(By.id("project"))).selectByValue("learn_kylin");
        browser.findElement(By.id("file-name")).clear();
        browser.findElement(By.id("file-name")).sendKeys("countries");
        browser.findElement(By.id("submit")).click();

        wait.until(d -> text("status").startsWith("Finished"));
        assertThat(text("status")).contains("25 rows");
        screenshot("export-finished");
        browser.findElement(By.id("download")).click();

        Path file = awaitDownload("countries.csv");
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("COUNTRY,NAME");
        assertThat(lines).hasSize(26);
        wait.until(d -> !rows().isEmpty());
        assertThat(rows().get(0).getText()).contains("learn_kylin").contains("SUCCESSFUL");
        assertDownloadedThroughALink(rowIds().get(0), file);
    }

    /**
     * The page fetched a link and let the browser download from it (no blob): the server served the query through
     * a link and never through result_download, and the file holds the result's bytes.
     */
    private void assertDownloadedThroughALink(String queryId, Path file) throws IOException {
        List<String> lines = audit.lines();
        // The browser's address is whichever loopback it chose: the lines are compared up to it.
        assertThat(lines).anyMatch(line -> line.startsWith("action=download_link outcome=issued user=ANALYST "
                + "project=- query_id=" + queryId + " client="));
        // Two uses: the page's HEAD, which checks the link and names the file, and the browser's download.
        assertThat(lines).filteredOn(line -> line.startsWith("action=link_download outcome=served user=- project=- "
                + "query_id=" + queryId + " client=")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(lines).noneMatch(line -> line.startsWith("action=download "));
        byte[] result = SERVER.admin().get("/async_query/" + queryId + "/result_download").bytes();
        assertThat(Files.readAllBytes(file)).isEqualTo(result);
        assertThat(browser.executeScript("return performance.getEntriesByType('resource')"
                + ".map(function (e) { return e.name; }).join('\\n')").toString())
                .contains("/kylin/api/async_query/" + queryId + "/download_link")
                .contains("/kylin/api/async_query/link/" + queryId + "?expires=")
                .doesNotContain("result_download");
    }

    @Test
    void progressIsShownWhileRunningAndCancelStopsIt() throws Exception {
        signIn("ANALYST", "ANALYST");
        sql("select a.TRANS_ID, b.TRANS_ID from KYLIN_SALES a cross join KYLIN_SALES b");
        new Select(browser.findElement(By.id("project"))).selectByValue("learn_kylin");
        browser.findElement(By.id("submit")).click();

        wait.until(d -> text("status").matches("Running: [0-9,]+ rows.*") && !text("status").startsWith("Running: 0 rows"));
        screenshot("export-running");
        wait.until(d -> rows().stream().anyMatch(r -> !r.findElements(By.className("cancel")).isEmpty()));
        screenshot("my-exports");
        // The list re-renders every 2 s while a query runs; a button found just before a re-render is gone.
        wait.until(d -> {
            try {
                rows().get(0).findElement(By.className("cancel")).click();
                return true;
            } catch (StaleElementReferenceException rerendered) {
                return false;
            }
        });

        wait.until(d -> text("error").contains("cancelled by ANALYST"));
        assertThat(text("status")).isEqualTo("Failed");
        wait.until(d -> rows().get(0).getText().contains("FAILED"));
    }

    @Test
    void aFailedQueryShowsItsReasonAndDeleteRemovesIt() throws Exception {
        signIn("ANALYST", "ANALYST");
        sql("select * from NO_SUCH_TABLE");
        browser.findElement(By.id("submit")).click();
        wait.until(d -> browser.findElement(By.id("error")).isDisplayed());
        assertThat(text("error")).contains("NO_SUCH_TABLE");
        screenshot("export-failed");

        wait.until(d -> !rows().isEmpty());
        int before = rows().size();
        rows().get(0).findElement(By.className("delete")).click();
        wait.until(d -> rows().size() == before - 1);
    }

    @Test
    void oneUserDoesNotSeeAnothersExportsButAnAdministratorSeesAllWithOwners() throws IOException {
        String analysts = SERVER.analyst().runToSuccess("{\"sql\":\"select 1\"}");
        signIn("MODELER", "MODELER");
        wait.until(d -> browser.findElement(By.id("mine")).isDisplayed());
        assertThat(rowIds()).doesNotContain(analysts);

        browser.findElement(By.id("sign-out")).click();
        signIn("ADMIN", "KYLIN");
        wait.until(d -> rowIds().contains(analysts));
        assertThat(text("mine-title")).isEqualTo("All exports");
        WebElement row = rows().stream().filter(r -> analysts.equals(r.getAttribute("data-query-id"))).findFirst()
                .orElseThrow();
        assertThat(row.findElement(By.className("owner-col")).getText()).isEqualTo("ANALYST");
        screenshot("admin-all-exports");
    }

    @Test
    void aWrongPasswordIsRefusedOnThePage() throws IOException {
        browser.get(pageUrl("index.html"));
        wait.until(d -> browser.findElement(By.id("login")).isDisplayed());
        screenshot("sign-in");
        browser.findElement(By.id("user")).sendKeys("ANALYST");
        browser.findElement(By.id("password")).sendKeys("nope");
        browser.findElement(By.id("login-button")).click();
        wait.until(d -> browser.findElement(By.id("login-error")).isDisplayed());
        assertThat(text("login-error")).isEqualTo("The user name or password is wrong.");
    }

    @Test
    void theReusableButtonExportsAndDownloads() throws Exception {
        browser.get(pageUrl("demo.html"));
        WebElement holder = wait.until(d -> browser.findElement(By.id("export-sales")));
        holder.findElement(By.tagName("button")).click();
        wait.until(d -> holder.findElement(By.className("async-export-status")).getText()
                .startsWith("Downloaded"));
        screenshot("button-demo");
        Path file = awaitDownload("sales-by-format.csv");
        assertThat(Files.readAllLines(file).get(0)).isEqualTo("LSTG_FORMAT_NAME,GMV,TRANS_CNT");
        String queryId = audit.lines().stream().filter(line -> line.startsWith("action=link_download outcome=served"))
                .map(line -> line.replaceAll("^.* query_id=(\\S+) .*$", "$1")).findFirst().orElseThrow();
        assertDownloadedThroughALink(queryId, file);
    }

    private void signIn(String user, String password) {
        browser.get(pageUrl("index.html"));
        wait.until(d -> browser.findElement(By.id("login")).isDisplayed());
        browser.findElement(By.id("user")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("login-button")).click();
        wait.until(d -> browser.findElement(By.id("export")).isDisplayed());
        wait.until(d -> !browser.findElements(By.cssSelector("#project option")).isEmpty());
    }

    private void sql(String sql) {
        WebElement box = browser.findElement(By.id("sql"));
        box.clear();
        box.sendKeys(sql);
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private List<WebElement> rows() {
        return browser.findElements(By.cssSelector("#exports tbody tr"));
    }

    private List<String> rowIds() {
        return rows().stream().map(r -> r.getAttribute("data-query-id")).collect(Collectors.toList());
    }

    /** The browser writes a download under another name and renames it when complete. */
    private Path awaitDownload(String name) {
        Path file = downloads.resolve(name);
        assertEventually(() -> assertThat(file).exists());
        return file;
    }

    private String pageUrl(String page) {
        return SERVER.admin().uri("").toString().replace("/kylin/api", "/kylin/async-export/" + page);
    }

    private void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
