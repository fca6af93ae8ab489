package org.apache.kylin.asyncquery.kylinhost;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

import org.apache.hadoop.conf.Configuration;
import org.apache.kylin.rest.asyncquery.kylin.HostQueryResult;
import org.apache.kylin.rest.asyncquery.kylin.KylinHost;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * FAKE Kylin 4 server, for tests: Kylin's query connection is Calcite over the repository's test-data, its SQL
 * massaging appends LIMIT/OFFSET the way Kylin's QueryUtil does, and its ACL refuses one user one project. The real
 * {@code Kylin4Host} cannot run here (it needs Spark and a Kylin metadata store).
 */
public final class FakeKylinHost implements KylinHost {
    private final Path testData;
    private final String hdfsWorkingDirectory;
    private final String deniedUser;
    private final String deniedProject;
    private final Properties properties;
    private final ThreadLocal<String> queryUser = new ThreadLocal<>();

    public FakeKylinHost(String testData, String hdfsWorkingDirectory, String deniedUser, String deniedProject,
            Properties properties) {
        this.testData = Path.of(testData);
        this.hdfsWorkingDirectory = hdfsWorkingDirectory;
        this.deniedUser = deniedUser;
        this.deniedProject = deniedProject;
        this.properties = properties;
    }

    @Override
    public Properties kylinProperties() {
        return properties;
    }

    @Override
    public String hdfsWorkingDirectory() {
        return hdfsWorkingDirectory;
    }

    @Override
    public Configuration hadoopConfiguration() {
        return new Configuration();
    }

    @Override
    public List<String> projectNames() {
        return List.of("DEFAULT", "learn_kylin", "ssb", "tpch_kap_24");
    }

    @Override
    public Optional<String> project(String requestedName) {
        return List.of("DEFAULT", "learn_kylin", "ssb", "tpch_kap_24").stream()
                .filter(p -> p.equalsIgnoreCase(requestedName)).findFirst();
    }

    @Override
    public void checkQueryPermission(String project) {
        String user = SecurityContextHolder.getContext().getAuthentication().getName();
        if (user.equals(deniedUser) && project.equals(deniedProject)) {
            throw new AccessDeniedException("Access is denied");
        }
    }

    @Override
    public Connection connect(String project) throws SQLException {
        // Kylin reads the querying user from Spring Security on the query's own thread; so does this fake.
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.getName().equals(queryUser.get())) {
            throw new SQLException("The query thread does not run as the submitting user");
        }
        Properties info = new Properties();
        info.setProperty("model", testData.resolve("model.json").toString());
        Connection connection = DriverManager.getConnection("jdbc:calcite:", info);
        connection.setSchema(project);
        return connection;
    }

    @Override
    public String massageSql(String sql, String project, int limit, int offset, String defaultSchema) {
        String massaged = sql;
        if (limit > 0 && !sql.toLowerCase(Locale.ROOT).contains("limit")) {
            massaged += "\nLIMIT " + limit;
        }
        if (offset > 0 && !sql.toLowerCase(Locale.ROOT).contains("offset")) {
            massaged += "\nOFFSET " + offset;
        }
        return massaged;
    }

    @Override
    public void enterQueryContext(String user, String project) {
        queryUser.set(user);
    }

    @Override
    public void leaveQueryContext() {
        queryUser.remove();
    }

    @Override
    public boolean pushDownEnabled() {
        return false;
    }

    @Override
    public HostQueryResult queryInMemory(String project, String sql, int limit, int offset) {
        throw new UnsupportedOperationException("no pushdown in the fake host");
    }

    @Override
    public String describeFailure(Throwable error) {
        return String.valueOf(error.getMessage());
    }
}
