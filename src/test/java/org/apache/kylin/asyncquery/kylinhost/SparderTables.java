package org.apache.kylin.asyncquery.kylinhost;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Registers a sample project's CSV files from {@code test-data/} as tables of database {@code DEFAULT} in the catalog
 * of Kylin's Sparder session, where Kylin's push-down to Spark SQL finds them, as a Kylin host finds its Hive tables.
 * Each file's header names its columns and their types ({@code PRICE:decimal(19,4)}).
 */
final class SparderTables {
    private SparderTables() {
    }

    /** Registers every CSV file of {@code projectDir}; returns the statements run. */
    static List<String> register(Path projectDir) throws IOException, ReflectiveOperationException {
        List<String> statements = new ArrayList<>();
        try (Stream<Path> files = Files.list(projectDir)) {
            for (Path csv : files.filter(f -> f.toString().endsWith(".csv")).sorted().collect(Collectors.toList())) {
                statements.add(createTable(csv));
            }
        }
        for (String statement : statements) {
            sparkSql(statement);
        }
        return statements;
    }

    static String createTable(Path csv) throws IOException {
        String table = csv.getFileName().toString().replaceFirst("\\.csv$", "");
        List<String> columns = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            for (String column : splitHeader(reader.readLine())) {
                int colon = column.indexOf(':');
                columns.add("`" + column.substring(0, colon) + "` " + sparkType(column.substring(colon + 1)));
            }
        }
        return "CREATE TABLE IF NOT EXISTS DEFAULT." + table + " (" + String.join(", ", columns)
                + ") USING csv OPTIONS (path '" + csv.toAbsolutePath() + "', header 'true')";
    }

    /**
     * Runs SQL on Sparder's own session. Spark is on this test's run-time classpath (the Kylin host's) but not on the
     * project's compile classpath, hence reflection for these two calls.
     */
    private static void sparkSql(String sql) throws ReflectiveOperationException {
        Object session = Class.forName("org.apache.spark.sql.SparderContext").getMethod("getOriginalSparkSession")
                .invoke(null);
        session.getClass().getMethod("sql", String.class).invoke(session, sql);
    }

    private static List<String> splitHeader(String header) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    private static String sparkType(String csvType) {
        String type = csvType.toLowerCase(Locale.ROOT);
        switch (type) {
            case "long": return "BIGINT";
            case "int": return "INT";
            case "short": return "SMALLINT";
            case "byte": return "TINYINT";
            case "string": return "STRING";
            case "date": return "DATE";
            case "timestamp": return "TIMESTAMP";
            case "double": return "DOUBLE";
            case "float": return "FLOAT";
            case "boolean": return "BOOLEAN";
            default:
                if (type.startsWith("decimal")) {
                    return type.toUpperCase(Locale.ROOT);
                }
                throw new IllegalArgumentException("Unknown column type in a test-data header: " + csvType);
        }
    }
}
