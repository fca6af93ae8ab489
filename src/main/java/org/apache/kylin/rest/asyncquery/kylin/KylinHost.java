package org.apache.kylin.rest.asyncquery.kylin;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Everything the plugin asks of the Kylin 4 server it runs in, in one narrow interface. {@link Kylin4Host} is the
 * only class that calls Kylin's own APIs; the rest of the adapter is written, and tested, against this.
 */
public interface KylinHost {

    /** Kylin's configuration ({@code kylin.properties} with its overrides), where {@code kylin.query.async.*} live. */
    Properties kylinProperties();

    /** {@code {kylin.env.hdfs-working-dir}/{metadata prefix}/}: Kylin's own HDFS working directory. */
    String hdfsWorkingDirectory();

    /** The Hadoop configuration Kylin itself uses. */
    Configuration hadoopConfiguration();

    /** Every project's name; {@link #checkQueryPermission} still decides who may query each. */
    List<String> projectNames();

    /** The project's name as Kylin spells it, if the project exists. */
    Optional<String> project(String requestedName);

    /**
     * Kylin's own project permission check for the current user, as Kylin's query endpoint makes it.
     *
     * @throws org.springframework.security.access.AccessDeniedException the user may not query the project
     */
    void checkQueryPermission(String project);

    /** Opens Kylin's query connection for the project: the path Kylin's own query service executes SQL on. */
    Connection connect(String project) throws SQLException;

    /** Kylin's SQL massaging: the transformations Kylin applies, and the request's limit and offset. */
    String massageSql(String sql, String project, int limit, int offset, String defaultSchema);

    /** Marks the current thread's Kylin query context as this user's query in this project. */
    void enterQueryContext(String user, String project);

    /** Clears the current thread's Kylin query context. */
    void leaveQueryContext();

    /**
     * Switches the current thread to planning only: a query Kylin answers with Spark (Sparder) has its Spark Dataset
     * built but not collected, and its result set comes back empty with its column metadata. Always followed by
     * {@link #endPlanOnly}, in a finally block.
     */
    void beginPlanOnly();

    /**
     * The Dataset Kylin planned on this thread since {@link #beginPlanOnly}; empty when Kylin answered without
     * Spark (a constant, a metadata query), and then the result set holds the rows.
     */
    Optional<Dataset<Row>> plannedDataset();

    /** Ends planning only and forgets the Dataset, so later queries on this thread compute as usual. */
    void endPlanOnly();

    /** Whether Kylin pushes queries its cubes cannot answer down to the source engine. */
    boolean pushDownEnabled();

    /**
     * Runs the query through Kylin's complete query service (cache, pushdown and all), which holds the whole result
     * in memory. Used only where the streaming path cannot answer: a query that needs pushdown.
     */
    HostQueryResult queryInMemory(String project, String sql, int limit, int offset);

    /** Kylin's person-readable form of a query failure. */
    String describeFailure(Throwable error);
}
