package org.apache.kylin.rest.asyncquery.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class AsyncQueryConfigTest {
    @Test
    void usesDefaultsForUnsetKeys() {
        AsyncQueryConfig config = AsyncQueryConfig.from(key -> null);
        assertThat(config.threads()).isEqualTo(4);
        assertThat(config.queueSize()).isEqualTo(32);
        assertThat(config.workingDir()).isEmpty();
        assertThat(config.nodeId()).isNotBlank();
    }

    @Test
    void readsSetKeys() {
        Map<String, String> props = Map.of("kylin.query.async.threads", "2", "kylin.query.async.queue-size", "0",
                "kylin.query.async.working-dir", "hdfs://nn:8020/kylin", "kylin.query.async.node-id", "a");
        AsyncQueryConfig config = AsyncQueryConfig.from(props::get);
        assertThat(config.threads()).isEqualTo(2);
        assertThat(config.queueSize()).isZero();
        assertThat(config.workingDir()).isEqualTo("hdfs://nn:8020/kylin");
        assertThat(config.nodeId()).isEqualTo("a");
    }

    @Test
    void aBadValueNamesItsKey() {
        assertThatThrownBy(() -> AsyncQueryConfig.from(Map.of("kylin.query.async.threads", "0")::get))
                .hasMessageContaining("kylin.query.async.threads").hasMessageContaining("'0'");
        assertThatThrownBy(() -> AsyncQueryConfig.from(Map.of("kylin.query.async.queue-size", "many")::get))
                .hasMessageContaining("kylin.query.async.queue-size");
    }

    @Test
    void exportThreadsRunTenNiceStepsLowerUnlessSetFromZeroToNineteen() {
        assertThat(AsyncQueryConfig.from(key -> null).exportNice()).isEqualTo(10);
        assertThat(AsyncQueryConfig.from(Map.of("kylin.query.async.export-nice", "0")::get).exportNice()).isZero();
        assertThat(AsyncQueryConfig.from(Map.of("kylin.query.async.export-nice", "19")::get).exportNice())
                .isEqualTo(19);
        for (String bad : new String[] {"20", "-1", "low"}) {
            assertThatThrownBy(() -> AsyncQueryConfig.from(Map.of("kylin.query.async.export-nice", bad)::get))
                    .as(bad).hasMessageContaining("kylin.query.async.export-nice");
        }
    }

    @Test
    void downloadLinksLiveFifteenMinutesUnlessSetBetweenASecondAndAWeek() {
        assertThat(AsyncQueryConfig.from(key -> null).downloadLinkSeconds()).isEqualTo(900);
        assertThat(AsyncQueryConfig.from(key -> null).downloadLinkKey()).isEmpty();
        assertThat(AsyncQueryConfig.from(Map.of("kylin.query.async.download-link-seconds", "1")::get)
                .downloadLinkSeconds()).isEqualTo(1);
        assertThat(AsyncQueryConfig.from(Map.of("kylin.query.async.download-link-seconds", "604800")::get)
                .downloadLinkSeconds()).isEqualTo(604800);
        for (String bad : new String[] {"0", "604801", "-5", "soon"}) {
            assertThatThrownBy(() -> AsyncQueryConfig.from(Map.of("kylin.query.async.download-link-seconds", bad)::get))
                    .as(bad).hasMessageContaining("kylin.query.async.download-link-seconds");
        }
    }

    @Test
    void aConfiguredLinkKeyNeeds32CharactersAndIsNeverEchoed() {
        String key = "k".repeat(32);
        assertThat(AsyncQueryConfig.from(Map.of("kylin.query.async.download-link-key", key)::get).downloadLinkKey())
                .hasValue(key);
        String weak = "secret-but-too-short";
        assertThatThrownBy(() -> AsyncQueryConfig.from(Map.of("kylin.query.async.download-link-key", weak)::get))
                .hasMessageContaining("kylin.query.async.download-link-key").hasMessageContaining("32")
                .hasMessageNotContaining(weak);
    }

    /** The README's configuration table is written from {@link ConfigKey}: every key, its default and its doc. */
    @Test
    void readmeDocumentsEveryKeyWithItsDefault() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        for (ConfigKey key : ConfigKey.values()) {
            String defaultCell = key.defaultValue().isEmpty() ? "(empty)" : "`" + key.defaultValue() + "`";
            assertThat(readme).as(key.key())
                    .contains("| `" + key.key() + "` | " + defaultCell + " | " + key.description() + " |");
        }
    }
}
