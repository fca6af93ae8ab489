package org.apache.kylin.asyncquery.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Below the configured share of free space, the server accepts no export and writes nothing. */
class StorageFloorE2ETest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Map.of("kylin.query.async.min-free-percent", "99"));

    @Test
    void aFileSystemBelowTheFloorRefusesSubmitsWith507AndWritesNothing() throws Exception {
        File disk = SERVER.workingDir().toFile();
        assumeTrue(disk.getUsableSpace() * 100 < disk.getTotalSpace() * 99L, "this disk is more than 99% free");
        long folders = SERVER.queryFolderCount();
        for (String body : new String[] {"{\"sql\":\"select 1\"}", "{\"sql\":\"select 1\",\"project\":\"NOPE\"}"}) {
            ApiClient.Response refused = SERVER.analyst().post("/async_query", body, "Content-Type",
                    "application/json");
            assertThat(refused.status()).isEqualTo(507);
            assertThat(refused.json().path("code").asText()).isEqualTo("999");
            assertThat(refused.json().path("error_code").asText()).isEqualTo("STORAGE_FULL");
            assertThat(refused.json().path("msg").asText()).contains("kylin.query.async.min-free-percent")
                    .contains("99%");
        }
        assertThat(SERVER.queryFolderCount()).isEqualTo(folders);
        // Reading goes on: the listing still answers.
        assertThat(SERVER.analyst().get("/async_query").status()).isEqualTo(200);
    }
}
