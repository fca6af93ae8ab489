package org.apache.kylin.asyncquery.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.UUID;

import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kylin.rest.asyncquery.AsyncQueryConfiguration;
import org.apache.kylin.rest.asyncquery.config.AsyncQueryConfig;
import org.apache.kylin.rest.asyncquery.engine.JdbcQueryEngine;
import org.apache.kylin.rest.asyncquery.engine.QueryEngine;
import org.apache.kylin.rest.asyncquery.security.CalciteSqlGrammar;
import org.apache.kylin.rest.asyncquery.security.SqlGrammar;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

/**
 * The standalone server's Spring wiring. It finds the plugin's components by scanning
 * {@code org.apache.kylin.rest.asyncquery}, as a Kylin host does, and supplies what a host would: the settings,
 * the query engine (Calcite over {@code test-data/}) with its SQL grammar, and the Hadoop configuration.
 */
@Configuration
@EnableWebMvc
@ComponentScan(basePackages = "org.apache.kylin.rest.asyncquery",
        // The Kylin host adapter needs a Kylin server around it; here this class supplies the environment instead.
        excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
                pattern = "org\\.apache\\.kylin\\.rest\\.asyncquery\\.kylin\\..*"))
@Import(StandaloneSecurityConfig.class)
public class StandaloneAppConfig {
    static final String PROPERTIES_FILE = "kylin.properties";

    @Bean
    public AsyncQueryConfig asyncQueryConfig(StandaloneOptions options) throws IOException {
        Properties properties = loadProperties(options.confDir().resolve(PROPERTIES_FILE));
        AsyncQueryConfig config = AsyncQueryConfig.from(properties::getProperty);
        if (options.workingDir() != null) {
            config = config.withWorkingDir(options.workingDir());
        } else if (config.workingDir().isEmpty()) {
            config = config.withWorkingDir(options.defaultWorkingDir());
        }
        if (!config.nodeIdConfigured()) {
            // Several standalone servers may share a host; the port tells them apart (a random port, by a random tag).
            String suffix = options.port() != 0 ? String.valueOf(options.port())
                    : UUID.randomUUID().toString().substring(0, 8);
            config = config.withNodeId(config.nodeId() + "-" + suffix);
        }
        return config;
    }

    /**
     * The meters, for the Prometheus endpoint ({@link PrometheusEndpoint}): the plugin's, and the JVM's memory,
     * threads, CPU and uptime.
     */
    @Bean(name = AsyncQueryConfiguration.METER_REGISTRY, destroyMethod = "close")
    public PrometheusMeterRegistry asyncQueryMeterRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return registry;
    }

    /** Hadoop settings: the defaults, plus {@code core-site.xml} and {@code hdfs-site.xml} from conf/ if present. */
    @Bean(name = AsyncQueryConfiguration.HADOOP_CONF)
    public org.apache.hadoop.conf.Configuration asyncQueryHadoopConf(StandaloneOptions options) {
        org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration();
        for (String site : new String[] {"core-site.xml", "hdfs-site.xml"}) {
            Path file = options.confDir().resolve(site);
            if (Files.isRegularFile(file)) {
                conf.addResource(new org.apache.hadoop.fs.Path(file.toUri()));
            }
        }
        return conf;
    }

    /**
     * Calcite, or Spark with {@code --engine spark} (started here, with the server, and stopped with it). With the
     * switch off nothing runs, so Spark is not started; Calcite's engine, which opens nothing until asked, stands in.
     */
    @Bean
    public QueryEngine asyncQueryEngine(StandaloneOptions options, AsyncQueryConfig config) throws IOException {
        ProjectAcl acl = ProjectAcl.load(options.confDir().resolve(ProjectAcl.FILE));
        if (options.engine() == StandaloneOptions.Engine.SPARK && config.enabled()) {
            return new AclCheckingEngine(SparkEngines.start(options, config), acl);
        }
        JdbcQueryEngine calcite = new JdbcQueryEngine(
                new CalciteProjectConnections(options.testDataDir().resolve("model.json")), config.fetchSize());
        return new AclCheckingEngine(calcite, acl);
    }

    /**
     * The read-only check reads SQL as the engine does: Calcite's parser, set as the connections leave it, or
     * Spark's.
     */
    @Bean
    public SqlGrammar asyncQuerySqlGrammar(StandaloneOptions options) {
        if (options.engine() == StandaloneOptions.Engine.SPARK) {
            return SparkEngines.grammar();
        }
        return CalciteSqlGrammar.calciteJdbcDefaults();
    }

    private static Properties loadProperties(Path file) throws IOException {
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            }
        }
        return properties;
    }
}
