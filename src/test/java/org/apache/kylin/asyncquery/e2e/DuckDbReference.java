package org.apache.kylin.asyncquery.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An independent SQL engine, DuckDB, over the same {@code test-data/} CSV files as the standalone server's Calcite:
 * one schema per project, one view per file with the column types of the file's typed header, and the model's own
 * views. The reference the exports are compared with.
 */
final class DuckDbReference implements AutoCloseable {
    /** Column names, DuckDB type names and rows of one result, values as DuckDB's JDBC driver returns them. */
    record Result(List<String> names, List<String> types, List<Object[]> rows) {
    }

    private final Connection connection;

    private DuckDbReference(Connection connection) {
        this.connection = connection;
    }

    static DuckDbReference over(Path testData) throws IOException, SQLException {
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        DuckDbReference reference = new DuckDbReference(connection);
        try (Statement statement = connection.createStatement()) {
            // Calcite sorts NULL as the highest value: last ascending, first descending (DuckDB: last both ways).
            statement.execute("SET default_null_order = 'nulls_last_on_asc_first_on_desc'");
            JsonNode model = ApiClient.JSON.readTree(testData.resolve("model.json").toFile());
            for (JsonNode schema : model.path("schemas")) {
                String project = schema.path("name").asText();
                String duckSchema = schemaOf(project);
                statement.execute("CREATE SCHEMA " + duckSchema);
                Path folder = testData.resolve(schema.path("operand").path("directory").asText());
                try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.csv")) {
                    for (Path file : files) {
                        statement.execute(reference.csvView(duckSchema, file));
                    }
                }
                statement.execute("SET schema = '" + duckSchema + "'");
                for (JsonNode view : schema.path("tables")) {
                    statement.execute("CREATE VIEW " + duckSchema + "." + view.path("name").asText() + " AS "
                            + view.path("sql").asText());
                }
            }
        } catch (SQLException | IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return reference;
    }

    /** Runs {@code sql} with the project's schema as the default one. */
    synchronized Result query(String project, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET schema = '" + schemaOf(project) + "'");
            try (ResultSet rs = statement.executeQuery(sql)) {
                ResultSetMetaData meta = rs.getMetaData();
                List<String> names = new ArrayList<>();
                List<String> types = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    names.add(meta.getColumnLabel(i));
                    types.add(meta.getColumnTypeName(i));
                }
                List<Object[]> rows = new ArrayList<>();
                while (rs.next()) {
                    Object[] row = new Object[names.size()];
                    for (int i = 0; i < row.length; i++) {
                        // A TIMESTAMP's wall-clock time, whatever the JVM's time zone.
                        row[i] = types.get(i).equals("TIMESTAMP") ? rs.getObject(i + 1, LocalDateTime.class)
                                : rs.getObject(i + 1);
                    }
                    rows.add(row);
                }
                return new Result(names, types, rows);
            }
        }
    }

    private static String schemaOf(String project) {
        return "p_" + project.toLowerCase(Locale.ROOT);
    }

    /**
     * A view over one CSV file typed as its header says ({@code NAME:type}). Calcite's CSV reader (opencsv) reads an
     * empty text cell as the empty string, a CR or CRLF inside a quoted value as LF, and a doubled backslash as one;
     * the view reads them the same way.
     */
    private String csvView(String schema, Path file) throws IOException {
        String header;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            header = in.readLine();
        }
        List<String> columns = new ArrayList<>();
        List<String> selected = new ArrayList<>();
        for (String cell : headerCells(header)) {
            int colon = cell.indexOf(':');
            String name = cell.substring(0, colon);
            String type = duckType(cell.substring(colon + 1));
            columns.add("'" + name + "': '" + type + "'");
            if (type.equals("VARCHAR")) {
                // The sample files double each backslash for opencsv, Calcite's reader, which treats it as an
                // escape. coalesce, not read_csv's force_not_null, which DuckDB 1.1 applies to the wrong columns once
                // a query reads only some of them.
                String unescaped = "replace(\"" + name + "\", chr(92) || chr(92), chr(92))";
                selected.add("coalesce(replace(replace(" + unescaped + ", chr(13) || chr(10), chr(10)), chr(13), "
                        + "chr(10)), '') AS \"" + name + "\"");
            } else {
                selected.add("\"" + name + "\"");
            }
        }
        String table = file.getFileName().toString().replaceFirst("\\.csv$", "");
        return "CREATE VIEW " + schema + "." + table + " AS SELECT " + String.join(", ", selected)
                + " FROM read_csv('" + file.toAbsolutePath() + "', header = true, auto_detect = false, delim = ',', "
                + "quote = '\"', escape = '\"', columns = {"
                + String.join(", ", columns) + "})";
    }

    /** NAME:type cells, split at commas outside quotes ({@code PRICE:"decimal(19,4)"}), quotes removed. */
    private static List<String> headerCells(String header) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    private static String duckType(String calciteFileType) {
        String type = calciteFileType.toLowerCase(Locale.ROOT);
        if (type.startsWith("decimal")) {
            return type.toUpperCase(Locale.ROOT);
        }
        switch (type) {
            case "string":
            case "char":
                return "VARCHAR";
            case "int":
                return "INTEGER";
            case "long":
                return "BIGINT";
            case "short":
                return "SMALLINT";
            case "byte":
                return "TINYINT";
            case "float":
                return "FLOAT";
            case "double":
                return "DOUBLE";
            case "boolean":
                return "BOOLEAN";
            case "date":
                return "DATE";
            case "time":
                return "TIME";
            case "timestamp":
                return "TIMESTAMP";
            default:
                throw new IllegalArgumentException("No DuckDB type for " + calciteFileType);
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
