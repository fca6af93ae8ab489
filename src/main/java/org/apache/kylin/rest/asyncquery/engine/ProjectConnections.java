package org.apache.kylin.rest.asyncquery.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Where a {@link JdbcQueryEngine} gets its connections: one JDBC connection per query, scoped to a project. */
public interface ProjectConnections {

    /** Canonical names of the projects this source serves. */
    List<String> projects();

    /**
     * A new connection whose default schema is {@code project} and which sees that project's tables and nothing
     * else, however SQL names them; the caller closes it.
     */
    Connection open(String project) throws SQLException;
}
