package org.apache.kylin.rest.asyncquery.kylin;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.jmx.JmxConfig;
import io.micrometer.jmx.JmxMeterRegistry;
import org.apache.hadoop.conf.Configuration;
import org.apache.kylin.rest.asyncquery.AsyncQueryConfiguration;
import org.apache.kylin.rest.asyncquery.config.AsyncQueryConfig;
import org.apache.kylin.rest.asyncquery.engine.QueryEngine;
import org.apache.kylin.rest.asyncquery.spark.SparkExport;
import org.apache.kylin.rest.asyncquery.security.CalciteSqlGrammar;
import org.apache.kylin.rest.asyncquery.security.SqlGrammar;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.annotation.Bean;

/**
 * What a Kylin 4 host supplies to the plugin: the settings from {@code kylin.properties} (the working directory
 * defaulting to Kylin's own HDFS working directory), Kylin's Hadoop configuration, Kylin's query path as the
 * engine, and Kylin's SQL parser for the read-only check. Kylin's webapp finds this class by scanning
 * {@code org.apache.kylin.rest}; the standalone server skips its package.
 */
@org.springframework.context.annotation.Configuration
public class KylinHostConfiguration {
    /** Where the meters appear in JMX: {@code kylin.asyncquery:name=...,type=...}. */
    public static final String JMX_DOMAIN = "kylin.asyncquery";

    /**
     * Kylin's own services, looked up here rather than declared as parameters so that no Kylin type appears in this
     * class's signatures. The name lets a test context replace it with a stand-in: an XML bean definition of the
     * same name takes precedence over this method.
     */
    @Bean(name = "asyncQueryKylinHost")
    public KylinHost asyncQueryKylinHost(BeanFactory beans) {
        return Kylin4Host.fromBeans(beans);
    }

    @Bean
    public AsyncQueryConfig asyncQueryConfig(KylinHost host) {
        AsyncQueryConfig config = AsyncQueryConfig.from(host.kylinProperties()::getProperty);
        return config.workingDir().isEmpty() ? config.withWorkingDir(host.hdfsWorkingDirectory()) : config;
    }

    @Bean(name = AsyncQueryConfiguration.HADOOP_CONF)
    public Configuration asyncQueryHadoopConf(KylinHost host) {
        return host.hadoopConfiguration();
    }

    @Bean
    public QueryEngine asyncQueryEngine(KylinHost host, AsyncQueryConfig config) {
        return new KylinQueryEngine(host, SparkExport.configuredBy(config));
    }

    /**
     * The meters go to JMX, in the domain {@value #JMX_DOMAIN} of the JVM's platform MBean server (the one Kylin's
     * Tomcat registers its own MBeans in, which JConsole or a JMX exporter reads), through Dropwizard Metrics'
     * JmxReporter from the host's Spark. No HTTP endpoint: Kylin's security lets anyone read {@code /api/**}
     * {@code /metrics}.
     */
    @Bean(name = AsyncQueryConfiguration.METER_REGISTRY, destroyMethod = "close")
    public MeterRegistry asyncQueryMeterRegistry() {
        return jmxRegistry();
    }

    /** A JMX registry in {@value #JMX_DOMAIN}, reporting from now until it is closed. */
    static JmxMeterRegistry jmxRegistry() {
        return new JmxMeterRegistry(new JmxConfig() {
            @Override
            public String get(String key) {
                return null;
            }

            @Override
            public String domain() {
                return JMX_DOMAIN;
            }
        }, Clock.SYSTEM);
    }

    /** Kylin's SQL front end is Calcite (Kylin 4 ships 1.16): the read-only check uses its parser, set as Kylin's. */
    @Bean
    public SqlGrammar asyncQuerySqlGrammar(KylinHost host) {
        return CalciteSqlGrammar.kylin(host.kylinProperties()::getProperty);
    }
}
