package org.apache.kylin.asyncquery.standalone.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes {@code model.json}: a Calcite model with one {@code custom} schema per project, each a
 * {@code FileSchemaFactory} over the directory of the same name next to the model file.
 *
 * <p>Two Calcite 1.37 behaviours shape the output:
 * <ul>
 *   <li>A relative {@code directory} operand is resolved by {@code FileSchemaFactory} against the
 *       {@code baseDirectory} operand, which {@code ModelHandler} sets to the model file's parent
 *       folder. So the model works wherever the checkout is, as long as the JDBC URL names the
 *       model file ({@code jdbc:calcite:model=/any/where/test-data/model.json}).</li>
 *   <li>For a custom schema, {@code ModelHandler} also passes the schema's {@code tables} list
 *       (our views) to the factory as the {@code tables} operand unless the operand already
 *       exists, and {@code FileSchema} casts each entry to a Map, failing with a
 *       ClassCastException on a view. Every schema therefore declares {@code "tables": []}
 *       in its operand; the views are still added to the schema from the schema's own list.</li>
 * </ul>
 *
 * <p>The JSON is built by hand, with a fixed key order and two-space indentation, so that the
 * bytes are stable.
 */
final class CalciteModelWriter {

    static final String FILE_NAME = "model.json";
    private static final String FACTORY = "org.apache.calcite.adapter.file.FileSchemaFactory";

    private CalciteModelWriter() {
    }

    static void write(Path outputDirectory, String defaultSchema, List<SampleProject> projects)
            throws IOException {
        StringBuilder json = new StringBuilder();
        json.append("{\n");
        json.append("  \"version\": \"1.0\",\n");
        json.append("  \"defaultSchema\": ").append(quote(defaultSchema)).append(",\n");
        json.append("  \"schemas\": [\n");
        for (int i = 0; i < projects.size(); i++) {
            appendSchema(json, projects.get(i));
            json.append(i + 1 < projects.size() ? ",\n" : "\n");
        }
        json.append("  ]\n");
        json.append("}\n");
        Files.write(outputDirectory.resolve(FILE_NAME), json.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void appendSchema(StringBuilder json, SampleProject project) {
        json.append("    {\n");
        json.append("      \"name\": ").append(quote(project.schemaName())).append(",\n");
        json.append("      \"type\": \"custom\",\n");
        json.append("      \"factory\": ").append(quote(FACTORY)).append(",\n");
        json.append("      \"operand\": {\n");
        json.append("        \"directory\": ").append(quote(project.schemaName())).append(",\n");
        json.append("        \"tables\": []\n");
        json.append("      }");
        List<SampleProject.View> views = project.views();
        if (!views.isEmpty()) {
            json.append(",\n      \"tables\": [\n");
            for (int i = 0; i < views.size(); i++) {
                SampleProject.View view = views.get(i);
                json.append("        {\n");
                json.append("          \"name\": ").append(quote(view.name())).append(",\n");
                json.append("          \"type\": \"view\",\n");
                json.append("          \"sql\": ").append(quote(view.sql())).append("\n");
                json.append(i + 1 < views.size() ? "        },\n" : "        }\n");
            }
            json.append("      ]");
        }
        json.append("\n    }");
    }

    /** A JSON string literal. */
    static String quote(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c == '\n') {
                quoted.append("\\n");
            } else if (c < 0x20) {
                quoted.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
