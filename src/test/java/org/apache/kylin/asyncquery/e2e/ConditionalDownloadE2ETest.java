package org.apache.kylin.asyncquery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.kylin.asyncquery.standalone.StandaloneOptions;
import org.apache.kylin.asyncquery.standalone.StandaloneServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A download the client already has is answered 304 Not Modified from what the server knows, without opening the
 * result: the server's working directory is on {@link OpenCountingLocalFileSystem}, which notes every file opened.
 */
class ConditionalDownloadE2ETest {
    @TempDir
    static Path temp;
    static StandaloneServer server;
    static ApiClient admin;
    static String id;
    static String etag;
    static byte[] whole;

    @BeforeAll
    static void start() throws Exception {
        Path conf = RunningServer.writeConf(temp.resolve("conf"), Map.of());
        Files.writeString(conf.resolve("core-site.xml"), OpenCountingLocalFileSystem.CORE_SITE);
        server = StandaloneServer.start(new StandaloneOptions(0, temp.resolve("working-dir").toUri().toString(),
                conf, RunningServer.TEST_DATA));
        admin = new ApiClient(server.port(), "ADMIN", "KYLIN");
        id = admin.runToSuccess("{\"sql\":\"select LSTG_FORMAT_NAME, count(*) as N from KYLIN_SALES "
                + "group by LSTG_FORMAT_NAME order by 1\",\"project\":\"learn_kylin\"}");
        ApiClient.Response download = admin.get(download());
        assertThat(download.status()).isEqualTo(200);
        whole = download.bytes();
        etag = download.header("ETag");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void forgetOpens() {
        OpenCountingLocalFileSystem.forget();
    }

    @Test
    void aDownloadOpensItsResult() {
        ApiClient.Response again = admin.get(download(), "If-None-Match", "\"another-version\"");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.bytes()).isEqualTo(whole);
        assertThat(OpenCountingLocalFileSystem.opened()).as("the counter sees a download").contains("result.csv");
    }

    @Test
    void aNotModifiedAnswerOpensNoResultFile() {
        ApiClient.Response notModified = admin.get(download(), "If-None-Match", etag);
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.header("ETag")).isEqualTo(etag);
        assertThat(notModified.header("Vary")).isEqualTo("Accept-Encoding");
        assertThat(notModified.bytes()).isEmpty();
        assertThat(resultFilesOpened()).isEmpty();
    }

    @Test
    void aWildcardAWeakTagOrOneOfSeveralTagsAlsoMatch() {
        for (String ifNoneMatch : new String[] {"*", "W/" + etag, "\"older\", " + etag}) {
            assertThat(admin.get(download(), "If-None-Match", ifNoneMatch).status()).as(ifNoneMatch)
                    .isEqualTo(304);
            assertThat(admin.send("HEAD", download(), null, "If-None-Match", ifNoneMatch).status()).as(ifNoneMatch)
                    .isEqualTo(304);
        }
        assertThat(resultFilesOpened()).isEmpty();
    }

    /** RFC 9110 13.2.2: If-None-Match is evaluated before Range, so a matching tag wins over any range. */
    @Test
    void aMatchingTagIsAnsweredBeforeTheRange() {
        assertThat(admin.get(download(), "If-None-Match", etag, "Range", "bytes=0-9").status()).isEqualTo(304);
        assertThat(admin.get(download(), "If-None-Match", etag, "Range", "bytes=" + whole.length + "-").status())
                .isEqualTo(304);
        assertThat(resultFilesOpened()).isEmpty();
    }

    private static String download() {
        return "/async_query/" + id + "/result_download";
    }

    private static List<String> resultFilesOpened() {
        return OpenCountingLocalFileSystem.opened().stream().filter(name -> name.startsWith("result")).toList();
    }
}
