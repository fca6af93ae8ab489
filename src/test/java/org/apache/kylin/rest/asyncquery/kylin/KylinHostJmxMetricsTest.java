package org.apache.kylin.rest.asyncquery.kylin;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.TreeSet;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.micrometer.jmx.JmxMeterRegistry;
import org.apache.kylin.rest.asyncquery.metrics.AsyncQueryMetrics;
import org.junit.jupiter.api.Test;

/**
 * A Kylin host's meters in JMX: the registry {@link KylinHostConfiguration} makes reports every meter into the
 * platform MBean server under {@code kylin.asyncquery}, where JConsole or a JMX exporter reads it, and takes them
 * away when it is closed. (Here on the tests' Dropwizard Metrics 4.2; KylinHostIT runs it on Kylin's Spark's 4.1.)
 */
class KylinHostJmxMetricsTest {
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    @Test
    void metersAppearInThePlatformMBeanServerUnderKylinsDomain() throws Exception {
        ObjectName all = new ObjectName(KylinHostConfiguration.JMX_DOMAIN + ":*");
        JmxMeterRegistry registry = KylinHostConfiguration.jmxRegistry();
        try {
            AsyncQueryMetrics metrics = new AsyncQueryMetrics(registry);
            metrics.watchQueue(() -> 3, () -> 2);
            metrics.querySubmitted();
            metrics.querySubmitted();

            Set<String> names = new TreeSet<>();
            for (ObjectName name : server.queryNames(all, null)) {
                names.add(name.toString());
            }
            ObjectName submitted = new ObjectName(KylinHostConfiguration.JMX_DOMAIN
                    + ":name=asyncqueryQueriesSubmitted,type=meters");
            assertThat(server.getAttribute(submitted, "Count")).isEqualTo(2L);
            ObjectName queued = new ObjectName(KylinHostConfiguration.JMX_DOMAIN
                    + ":name=asyncqueryQueriesQueued,type=gauges");
            assertThat(((Number) server.getAttribute(queued, "Value")).intValue()).isEqualTo(3);
        } finally {
            registry.close();
        }
        assertThat(server.queryNames(all, null)).isEmpty();
    }
}
