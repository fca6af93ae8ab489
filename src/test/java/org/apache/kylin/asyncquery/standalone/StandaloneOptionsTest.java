package org.apache.kylin.asyncquery.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Paths;

import org.junit.jupiter.api.Test;

/** The launcher's command line, as far as the port goes: a port of 0 and a file to learn the real one from. */
class StandaloneOptionsTest {
    @Test
    void portZeroAndAPortFileAreAccepted() {
        StandaloneOptions options = StandaloneOptions.parse("--port", "0", "--port-file", "run/server.port");
        assertThat(options.port()).isZero();
        assertThat(options.portFile()).isEqualTo(Paths.get("run/server.port").toAbsolutePath());
    }

    @Test
    void withoutAPortFileThereIsNone() {
        StandaloneOptions options = StandaloneOptions.parse();
        assertThat(options.port()).isEqualTo(StandaloneOptions.DEFAULT_PORT);
        assertThat(options.portFile()).isNull();
    }

    @Test
    void aPortFileNeedsAName() {
        assertThatThrownBy(() -> StandaloneOptions.parse("--port-file")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--port-file needs a value").hasMessageContaining("[--port-file FILE]");
    }
}
