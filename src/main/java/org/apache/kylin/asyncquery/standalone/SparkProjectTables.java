package org.apache.kylin.asyncquery.standalone;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The sample projects of a Calcite model ({@code test-data/model.json}) as Spark tables: each project's CSV files,
 * read by Spark's CSV reader with the schema their typed header declares ({@code ID:int,C_DECIMAL:"decimal(19,4)"}),
 * and the model's views. Read as Calcite's CSV reader reads them, as far as Spark allows: an empty cell of a
 * {@code string} column is the empty string, never NULL, and an empty cell of any other type is NULL. TIME has no
 * Spark type and stays text ({@code 01:30:15}).
 */
final class SparkProjectTables {
    private static final Pattern DECIMAL = Pattern.compile("decimal\\((\\d+),\\s*(\\d+)\\)");

    private final Map<String, Project> projects;

    private SparkProjectTables(Map<String, Project> projects) {
        this.projects = projects;
    }

    /** The projects of the model, in its order. */
    static SparkProjectTables fromModel(Path model) throws IOException {
        if (!Files.isRegularFile(model)) {
            throw new IOException("No model at " + model + "; run bin/generate-test-data or pass --test-data");
        }
        JsonNode root = new ObjectMapper().readTree(model.toFile());
        Map<String, Project> projects = new LinkedHashMap<>();
        for (JsonNode schema : root.path("schemas")) {
            String name = schema.path("name").asText();
            Path folder = model.getParent().resolve(schema.path("operand").path("directory").asText(name));
            Map<String, String> views = new LinkedHashMap<>();
            for (JsonNode table : schema.path("tables")) {
                if ("view".equals(table.path("type").asText())) {
                    views.put(table.path("name").asText(), table.path("sql").asText());
                }
            }
            projects.put(name, new Project(folder.toAbsolutePath().normalize(), views));
        }
        return new SparkProjectTables(Collections.unmodifiableMap(projects));
    }

    List<String> projectNames() {
        return Collections.unmodifiableList(new ArrayList<>(projects.keySet()));
    }

    /** Registers the project's tables and views as temporary views of {@code session}, visible to it alone. */
    void register(SparkSession session, String project) throws IOException {
        Project declared = requireNonNull(projects.get(project), "unknown project " + project);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(declared.folder, "*.csv")) {
            for (Path file : files) {
                String table = file.getFileName().toString();
                table = table.substring(0, table.length() - ".csv".length());
                table(session, file).createOrReplaceTempView(table);
            }
        }
        for (Map.Entry<String, String> view : declared.views.entrySet()) {
            session.sql("CREATE OR REPLACE TEMPORARY VIEW `" + view.getKey() + "` AS " + view.getValue());
        }
    }

    private static Dataset<Row> table(SparkSession session, Path file) throws IOException {
        List<StructField> read = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        for (String declaration : header(file)) {
            int colon = declaration.indexOf(':');
            String name = colon < 0 ? declaration : declaration.substring(0, colon);
            String type = colon < 0 ? "string" : declaration.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            read.add(DataTypes.createStructField(name, sparkType(type, file), true));
            Column column = functions.col("`" + name + "`");
            // Calcite reads an empty string cell as ''; Spark reads an unquoted one as NULL.
            columns.add("string".equals(type) ? functions.coalesce(column, functions.lit("")).as(name) : column);
        }
        Dataset<Row> rows = session.read().schema(DataTypes.createStructType(read))
                .option("header", "true")
                .option("multiLine", "true") // values hold line breaks
                .option("escape", "\"")      // a quote in a value is doubled
                .option("mode", "FAILFAST")
                .option("dateFormat", "yyyy-MM-dd")
                .option("timestampFormat", "yyyy-MM-dd HH:mm:ss")
                .csv(file.toUri().toString());
        return rows.select(columns.toArray(new Column[0]));
    }

    /** The first line's fields: {@code NAME:type}; a type holding a comma is quoted ({@code P:"decimal(19,4)"}). */
    static List<String> header(Path file) throws IOException {
        String first;
        try (java.io.BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            first = reader.readLine();
        }
        if (first == null) {
            throw new IOException("No header in " + file);
        }
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < first.length(); i++) {
            char c = first.charAt(i);
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

    /** Calcite's CSV type names as Spark types. */
    static DataType sparkType(String type, Path file) throws IOException {
        switch (type) {
            case "string":
            case "char":
            case "time": // Spark has no TIME
                return DataTypes.StringType;
            case "boolean":
                return DataTypes.BooleanType;
            case "byte":
                return DataTypes.ByteType;
            case "short":
                return DataTypes.ShortType;
            case "int":
                return DataTypes.IntegerType;
            case "long":
                return DataTypes.LongType;
            case "float":
                return DataTypes.FloatType;
            case "double":
                return DataTypes.DoubleType;
            case "date":
                return DataTypes.DateType;
            case "timestamp":
                return DataTypes.TimestampType;
            default:
                Matcher decimal = DECIMAL.matcher(type);
                if (decimal.matches()) {
                    return DataTypes.createDecimalType(Integer.parseInt(decimal.group(1)),
                            Integer.parseInt(decimal.group(2)));
                }
                throw new IOException("Unknown column type '" + type + "' in " + file);
        }
    }

    /** A project's folder of CSV files and its views' SQL. */
    private static final class Project {
        final Path folder;
        final Map<String, String> views;

        Project(Path folder, Map<String, String> views) {
            this.folder = folder;
            this.views = Collections.unmodifiableMap(views);
        }
    }
}
