package org.apache.kylin.asyncquery.standalone;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;

import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.SchemaPlus;

/**
 * Narrows a Calcite connection to one project, as a Kylin query connection is: its root schema keeps that project's
 * schema alone. Every other schema of the model and Calcite's own {@code metadata} schema (which lists every
 * schema's tables) are removed, so no way of naming a schema in SQL, and no view, reaches another project.
 */
final class ProjectScope {
    private ProjectScope() {
    }

    /**
     * Removes everything but {@code project} from the connection's root schema, then checks that nothing else is
     * left to name (schemas, tables, functions or types at the root); fails closed if anything is.
     */
    static void narrow(CalciteConnection connection, String project) throws SQLException {
        SchemaPlus root = connection.getRootSchema();
        if (root.getSubSchema(project) == null) {
            throw new SQLException("Project '" + project + "' is not in the Calcite model");
        }
        CalciteSchema calciteRoot = root.unwrap(CalciteSchema.class);
        if (calciteRoot == null) {
            throw new SQLException("Cannot limit the connection to project '" + project + "'");
        }
        for (String name : new ArrayList<>(root.getSubSchemaNames())) {
            if (!name.equals(project)) {
                calciteRoot.removeSubSchema(name);
            }
        }
        if (!root.getSubSchemaNames().equals(Collections.singleton(project)) || !root.getTableNames().isEmpty()
                || !root.getFunctionNames().isEmpty() || !root.getTypeNames().isEmpty()) {
            throw new SQLException("Cannot limit the connection to project '" + project + "': its root still holds "
                    + root.getSubSchemaNames() + " " + root.getTableNames() + " " + root.getFunctionNames());
        }
    }
}
