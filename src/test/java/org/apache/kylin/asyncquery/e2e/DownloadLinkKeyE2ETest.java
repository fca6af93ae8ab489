package org.apache.kylin.asyncquery.e2e;

import static org.apache.kylin.asyncquery.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key that signs download links, as real servers share it: the first server makes the key file in the working
 * directory, owner-only; a second server on the same working directory and a restarted server use the same file,
 * so a link made on one server downloads on the other, and still after a restart. A configured key replaces the
 * file. A link with a one-second lifetime is refused once that second has passed.
 */
class DownloadLinkKeyE2ETest {
    @TempDir
    Path temp;

    @Test
    void theKeyFileIsMadeOnceAndUsedByASecondServerAndAfterARestart() throws Exception {
        RunningServer first = RunningServer.start(temp, Map.of());
        Path keyFile = DownloadLinkE2ETest.keyFile(first.workingDir());
        String key = Files.readString(keyFile);
        assertThat(key).matches("[A-Za-z0-9_-]{43}\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");

        String id = first.as("ANALYST", "ANALYST").runToSuccess("{\"sql\":\"select * from KYLIN_COUNTRY\","
                + "\"project\":\"learn_kylin\",\"format\":\"json\"}");
        byte[] expected = first.as("ANALYST", "ANALYST").get("/async_query/" + id + "/result_download").bytes();
        URI fromFirst = DownloadLinkE2ETest.link(first.as("ANALYST", "ANALYST"), id);
        try (RunningServer second = RunningServer.start(temp, Map.of())) {
            assertThat(second.workingDir()).isEqualTo(first.workingDir());
            assertThat(Files.readString(keyFile)).isEqualTo(key);
            ApiClient.Response onSecond = second.anonymous().sendTo("GET", onServer(fromFirst, second));
            assertThat(onSecond.status()).as(onSecond.text()).isEqualTo(200);
            assertThat(onSecond.bytes()).isEqualTo(expected);
            URI fromSecond = DownloadLinkE2ETest.link(second.admin(), id);
            assertThat(first.anonymous().sendTo("GET", onServer(fromSecond, first)).bytes()).isEqualTo(expected);
        }
        first.close();

        try (RunningServer restarted = RunningServer.start(temp, Map.of())) {
            assertThat(Files.readString(keyFile)).isEqualTo(key);
            assertThat(restarted.anonymous().sendTo("GET", onServer(fromFirst, restarted)).bytes())
                    .isEqualTo(expected);
        }
        try (var names = Files.list(keyFile.getParent())) {
            assertThat(names.map(p -> p.getFileName().toString()).filter(n -> n.contains("download_link")))
                    .containsExactly("_download_link.key");
        }
    }

    @Test
    void serversWithTheSameConfiguredKeyShareLinksAndWriteNoKeyFile() throws Exception {
        Map<String, String> keyed = Map.of("kylin.query.async.download-link-key", "a-secret-of-at-least-32-characters!");
        try (RunningServer first = RunningServer.start(temp, keyed);
                RunningServer second = RunningServer.start(temp, keyed)) {
            String id = first.admin().runToSuccess("{\"sql\":\"select 1\"}");
            assertThat(second.anonymous().sendTo("GET", onServer(DownloadLinkE2ETest.link(first.admin(), id), second))
                    .text()).isEqualTo("1\r\n");
            assertThat(DownloadLinkE2ETest.keyFile(first.workingDir())).doesNotExist();
        }
        try (RunningServer otherKey = RunningServer.start(temp, Map.of())) {
            String id = otherKey.admin().runToSuccess("{\"sql\":\"select 2\"}");
            URI link = DownloadLinkE2ETest.link(otherKey.admin(), id);
            assertThat(otherKey.anonymous().sendTo("GET", link).text()).isEqualTo("2\r\n");
        }
    }

    @Test
    void aLinkIsRefusedOnceItsLifetimeHasPassed() throws Exception {
        try (RunningServer server = RunningServer.start(temp, Map.of("kylin.query.async.download-link-seconds", "1"))) {
            String id = server.admin().runToSuccess("{\"sql\":\"select 1\"}");
            URI link = DownloadLinkE2ETest.link(server.admin(), id);
            ApiClient.Response refused = await("the one-second link to expire",
                    () -> server.anonymous().sendTo("GET", link), response -> response.status() != 200);
            BadInputE2ETest.assertClientError(refused, 403, "LINK_EXPIRED");
        }
    }

    /** The same link, addressed to another server. */
    private static URI onServer(URI link, RunningServer server) {
        return URI.create(link.toString().replaceFirst("localhost:[0-9]+", "localhost:" + server.port()));
    }
}
