package org.apache.kylin.asyncquery.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.apache.kylin.rest.asyncquery.config.AsyncQueryConfig;
import org.apache.kylin.rest.asyncquery.engine.JdbcQueryEngine;
import org.apache.kylin.rest.asyncquery.engine.QueryEngine;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

/**
 * The standalone server's Spring wiring. It finds the plugin's components by scanning
 * {@code org.apache.kylin.rest.asyncquery}, as a Kylin host does, and supplies what a host would: the settings,
 * the query engine (Calcite over {@code test-data/}) and the Hadoop configuration.
 */
@Configuration
@EnableWebMvc
@ComponentScan(basePackages = "org.apache.kylin.rest.asyncquery")
@Import(StandaloneSecurityConfig.class)
public class StandaloneAppConfig {
    static final String PROPERTIES_FILE = "kylin.properties";

    @Bean
    public AsyncQueryConfig asyncQueryConfig(StandaloneOptions options) throws IOException {
        Properties properties = loadProperties(options.confDir().resolve(PROPERTIES_FILE));
        AsyncQueryConfig config = AsyncQueryConfig.from(properties::getProperty);
        if (options.workingDir() != null) {
            return config.withWorkingDir(options.workingDir());
        }
        return config.workingDir().isEmpty() ? config.withWorkingDir(options.defaultWorkingDir()) : config;
    }

    @Bean
    public org.apache.hadoop.conf.Configuration asyncQueryHadoopConf() {
        return new org.apache.hadoop.conf.Configuration();
    }

    @Bean
    public QueryEngine asyncQueryEngine(StandaloneOptions options, AsyncQueryConfig config) throws IOException {
        return new JdbcQueryEngine(new CalciteProjectConnections(options.testDataDir().resolve("model.json")),
                config.fetchSize());
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
