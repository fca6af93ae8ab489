package org.apache.kylin.asyncquery.standalone.sample;

import java.io.IOException;
import java.util.Collections;
import java.util.List;

/**
 * One generated project: a Calcite schema backed by a directory of CSV files of the same name,
 * plus optional views declared in {@code model.json}. Implementations must be deterministic:
 * the same scale always yields the same bytes.
 */
interface SampleProject {

    /** Schema name, also the directory name under the output directory. */
    String schemaName();

    /** Writes every table of the project into {@code directory}. */
    void writeTables(CsvTableWriter.SchemaDirectory directory, Scale scale) throws IOException;

    /** Views to declare in the model, in declaration order. */
    default List<View> views() {
        return Collections.emptyList();
    }

    /** A view of the schema, declared in {@code model.json}. */
    final class View {
        private final String name;
        private final String sql;

        View(String name, String sql) {
            this.name = name;
            this.sql = sql;
        }

        String name() {
            return name;
        }

        String sql() {
            return sql;
        }
    }
}
