package org.apache.kylin.asyncquery.standalone;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.Driver;
import org.apache.kylin.rest.asyncquery.engine.ProjectConnections;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The embedded engine's connections: Apache Calcite's JDBC driver over the sample projects' CSV files, one schema
 * per project as declared in {@code test-data/model.json}. A connection sees its own project's schema and nothing
 * else (see {@link ProjectScope}), as a Kylin query connection does, and evaluates {@code LIKE} in linear time
 * (see {@link LinearLikePrepare}).
 */
public final class CalciteProjectConnections implements ProjectConnections {
    /** Calcite's driver, evaluating LIKE in linear time; not registered with DriverManager. */
    private static final Driver DRIVER = new Driver().withPrepareFactory(LinearLikePrepare::new);

    private final Path model;
    private final List<String> projects;

    public CalciteProjectConnections(Path model) throws IOException {
        this.model = requireNonNull(model, "model is null");
        this.projects = schemaNames(model);
    }

    @Override
    public List<String> projects() {
        return projects;
    }

    @Override
    public Connection open(String project) throws SQLException {
        Properties info = new Properties();
        info.setProperty("model", model.toString());
        Connection connection = DRIVER.connect("jdbc:calcite:", info);
        try {
            // Calcite builds the whole model (relative paths in it resolve against the model file), then the
            // connection is cut down to the project before any SQL runs on it.
            ProjectScope.narrow(connection.unwrap(CalciteConnection.class), project);
            // With a model, Calcite ignores the "schema" property and starts in the model's defaultSchema.
            connection.setSchema(project);
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private static List<String> schemaNames(Path model) throws IOException {
        if (!Files.isRegularFile(model)) {
            throw new IOException("No Calcite model at " + model + "; run bin/generate-test-data or pass --test-data");
        }
        JsonNode root = new ObjectMapper().readTree(model.toFile());
        List<String> names = new ArrayList<>();
        for (JsonNode schema : root.path("schemas")) {
            names.add(schema.path("name").asText());
        }
        return Collections.unmodifiableList(names);
    }
}
