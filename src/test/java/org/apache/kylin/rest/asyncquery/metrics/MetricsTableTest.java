package org.apache.kylin.rest.asyncquery.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kylin.rest.asyncquery.vocabulary.ErrorCode;
import org.junit.jupiter.api.Test;

/**
 * The README's metric table is written from the meters {@link AsyncQueryMetrics} registers: each row is one meter
 * name with its type, its tags, its name in a Prometheus scrape and its description, and no row names a meter that
 * does not exist.
 */
class MetricsTableTest {
    private static final String ROW_START = "| `asyncquery.";

    @Test
    void readmeDocumentsEveryMeterAndNothingElse() throws IOException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new AsyncQueryMetrics(registry).watchQueue(() -> 0, () -> 0);
        Map<String, Meter> byName = new TreeMap<>();
        for (Meter meter : registry.getMeters()) {
            byName.putIfAbsent(meter.getId().getName(), meter);
        }
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new AsyncQueryMetrics(prometheus).watchQueue(() -> 0, () -> 0);
        String scrape = prometheus.scrape();

        String readme = Files.readString(Path.of("README.md"));
        List<String> rows = readme.lines().filter(line -> line.startsWith(ROW_START)).collect(Collectors.toList());
        List<String> expected = new ArrayList<>();
        for (Meter meter : byName.values()) {
            String prometheusName = prometheusName(meter);
            assertThat(scrape).as(prometheusName).containsPattern("(?m)^" + prometheusName + "[{ _]");
            expected.add("| `" + meter.getId().getName() + "` | " + type(meter) + " | " + tags(meter) + " | `"
                    + prometheusName + "` | " + meter.getId().getDescription() + " |");
        }
        assertThat(rows).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void refusalsAreTaggedByEveryErrorCodeAndEndingsByEveryOutcome() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AsyncQueryMetrics metrics = new AsyncQueryMetrics(registry);
        metrics.queryRefused(ErrorCode.QUEUE_FULL);
        metrics.exportEnded(QueryEnding.SUCCEEDED, 5_000_000, 25, 512);
        metrics.exportEnded(QueryEnding.CANCELLED, 1_000_000, 7, 70);

        assertThat(registry.find(AsyncQueryMetrics.REFUSED).counters()).hasSize(ErrorCode.values().length);
        assertThat(registry.get(AsyncQueryMetrics.REFUSED).tag("reason", "QUEUE_FULL").counter().count()).isEqualTo(1);
        assertThat(registry.get(AsyncQueryMetrics.EXPORT_DURATION).timers()).hasSize(QueryEnding.values().length);
        assertThat(registry.get(AsyncQueryMetrics.EXPORT_DURATION).tag("outcome", "succeeded").timer().count())
                .isEqualTo(1);
        assertThat(registry.get(AsyncQueryMetrics.SUCCEEDED).counter().count()).isEqualTo(1);
        assertThat(registry.get(AsyncQueryMetrics.CANCELLED).counter().count()).isEqualTo(1);
        // Only a committed result's rows and bytes count as written.
        assertThat(registry.get(AsyncQueryMetrics.ROWS_WRITTEN).counter().count()).isEqualTo(25);
        assertThat(registry.get(AsyncQueryMetrics.BYTES_WRITTEN).counter().count()).isEqualTo(512);
    }

    private static String type(Meter meter) {
        if (meter instanceof Counter) {
            return "counter";
        }
        if (meter instanceof Gauge) {
            return "gauge";
        }
        if (meter instanceof Timer) {
            return "timer";
        }
        throw new AssertionError("Undocumented meter type: " + meter);
    }

    private static String tags(Meter meter) {
        TreeSet<String> keys = new TreeSet<>();
        for (Tag tag : meter.getId().getTags()) {
            keys.add("`" + tag.getKey() + "`");
        }
        return keys.isEmpty() ? "-" : String.join(", ", keys);
    }

    /** Micrometer's Prometheus naming: dots become underscores, counters end in _total, timers in _seconds. */
    private static String prometheusName(Meter meter) {
        String name = meter.getId().getName().replace('.', '_');
        if (meter instanceof Counter) {
            return name + "_total";
        }
        if (meter instanceof Timer) {
            return name + "_seconds";
        }
        return name;
    }
}
