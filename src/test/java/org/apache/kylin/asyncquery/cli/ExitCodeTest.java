package org.apache.kylin.asyncquery.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** The exit codes are the README's, one meaning each, and the base URL is read as the README says. */
class ExitCodeTest {
    @Test
    void theReadmeListsEveryExitCodeWithItsMeaning() throws IOException {
        String readme = new String(Files.readAllBytes(Paths.get("README.md")), java.nio.charset.StandardCharsets.UTF_8);
        for (ExitCode code : ExitCode.values()) {
            assertThat(readme).contains("| `" + code.code() + "` | " + code.meaning() + " |");
        }
        assertThat(Arrays.stream(ExitCode.values()).mapToInt(ExitCode::code).distinct().count())
                .isEqualTo(ExitCode.values().length);
    }

    @Test
    void theBaseUrlMayEndInASlashOrApi() {
        assertThat(HttpApi.apiRoot("http://host:7070/kylin")).isEqualTo("http://host:7070/kylin/api/async_query");
        assertThat(HttpApi.apiRoot("http://host:7070/kylin/")).isEqualTo("http://host:7070/kylin/api/async_query");
        assertThat(HttpApi.apiRoot("https://host/kylin/api/")).isEqualTo("https://host/kylin/api/async_query");
        assertThatThrownBy(() -> HttpApi.apiRoot("host:7070/kylin")).isInstanceOf(CliException.class)
                .hasMessageContaining("not an http:// or https:// URL");
    }
}
