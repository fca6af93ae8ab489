package org.apache.kylin.rest.asyncquery.kylin;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

import org.apache.hadoop.conf.Configuration;
import org.apache.kylin.common.KylinConfig;
import org.apache.kylin.common.QueryContextFacade;
import org.apache.kylin.common.util.HadoopUtil;
import org.apache.kylin.metadata.project.ProjectInstance;
import org.apache.kylin.metadata.project.ProjectManager;
import org.apache.kylin.metadata.querymeta.SelectedColumnMeta;
import org.apache.kylin.query.QueryConnection;
import org.apache.kylin.query.relnode.OLAPContext;
import org.apache.kylin.query.util.QueryUtil;
import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;
import org.apache.kylin.rest.exception.BadRequestException;
import org.apache.kylin.rest.exception.InternalErrorException;
import org.apache.kylin.rest.request.SQLRequest;
import org.apache.kylin.rest.response.SQLResponse;
import org.apache.kylin.rest.service.QueryService;
import org.apache.kylin.rest.util.AclEvaluate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparderContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;

/**
 * {@link KylinHost} on Apache Kylin 4.0.x: the one class that calls Kylin's APIs. Each method is one call into
 * Kylin, made the way Kylin 4's own {@code QueryService} makes it.
 */
public final class Kylin4Host implements KylinHost {
    private static final Logger LOG = LoggerFactory.getLogger(Kylin4Host.class);

    private final Function<SQLRequest, SQLResponse> queryService;
    private final AclEvaluate aclEvaluate;

    /**
     * @param queryService Kylin's complete query path, {@code QueryService::doQueryWithCache}
     * @param aclEvaluate Kylin's project permission checks, or null where the host has none
     */
    public Kylin4Host(Function<SQLRequest, SQLResponse> queryService, AclEvaluate aclEvaluate) {
        this.queryService = requireNonNull(queryService, "queryService is null");
        this.aclEvaluate = aclEvaluate;
    }

    /**
     * Kylin 4's query service and ACL evaluator, as Kylin's own Spring context holds them. Kylin 4.0.x always has
     * an {@code aclEvaluate} bean; without one, project permission falls back to "any authenticated user".
     */
    static Kylin4Host fromBeans(BeanFactory beans) {
        QueryService queryService = beans.getBean(QueryService.class);
        AclEvaluate aclEvaluate = beans.getBeanProvider(AclEvaluate.class).getIfAvailable();
        if (aclEvaluate == null) {
            LOG.warn("No Kylin AclEvaluate bean: async queries do not check project permission; any authenticated "
                    + "user may export from any project");
        }
        return new Kylin4Host(queryService::doQueryWithCache, aclEvaluate);
    }

    @Override
    public Properties kylinProperties() {
        return KylinConfig.getInstanceFromEnv().exportToProperties();
    }

    @Override
    public String hdfsWorkingDirectory() {
        return KylinConfig.getInstanceFromEnv().getHdfsWorkingDirectory();
    }

    @Override
    public Configuration hadoopConfiguration() {
        return HadoopUtil.getCurrentConfiguration();
    }

    @Override
    public List<String> projectNames() {
        List<String> names = new ArrayList<>();
        for (ProjectInstance project : ProjectManager.getInstance(KylinConfig.getInstanceFromEnv()).listAllProjects()) {
            names.add(project.getName());
        }
        return names;
    }

    @Override
    public Optional<String> project(String requestedName) {
        ProjectInstance project = ProjectManager.getInstance(KylinConfig.getInstanceFromEnv()).getProject(requestedName);
        return project == null ? Optional.empty() : Optional.of(project.getName());
    }

    @Override
    public void checkQueryPermission(String project) {
        if (aclEvaluate != null) {
            aclEvaluate.checkProjectReadPermission(project);
        }
    }

    @Override
    public Connection connect(String project) throws SQLException {
        return QueryConnection.getConnection(project);
    }

    @Override
    public String massageSql(String sql, String project, int limit, int offset, String defaultSchema) {
        return QueryUtil.massageSql(sql, project, limit, offset, defaultSchema);
    }

    @Override
    public void enterQueryContext(String user, String project) {
        QueryContextFacade.current().setUsername(user);
        QueryContextFacade.current().setProject(project);
    }

    @Override
    public void leaveQueryContext() {
        QueryContextFacade.resetCurrent();
    }

    @Override
    public void beginPlanOnly() {
        // The thread's Dataset is not cleared between queries: a query Kylin answers without Spark would otherwise
        // find the previous query's.
        OLAPContext.clearThreadLocalContexts();
        SparderContext.setDF(null);
        SparderContext.skipCompute();
    }

    @Override
    public Optional<Dataset<Row>> plannedDataset() {
        return Optional.ofNullable(SparderContext.getDF());
    }

    @Override
    public void endPlanOnly() {
        // Left set, the switch would make every later query on this thread return no rows.
        SparderContext.cleanCompute();
        SparderContext.setDF(null);
        OLAPContext.clearThreadLocalContexts();
    }

    @Override
    public boolean pushDownEnabled() {
        return KylinConfig.getInstanceFromEnv().isPushDownEnabled();
    }

    @Override
    public HostQueryResult queryInMemory(String project, String sql, int limit, int offset) {
        SQLRequest request = new SQLRequest();
        request.setProject(project);
        request.setSql(sql);
        request.setLimit(limit);
        request.setOffset(offset);
        SQLResponse response;
        try {
            response = queryService.apply(request);
        } catch (InternalErrorException | BadRequestException e) {
            // Kylin 4.0.4's doQueryWithCache throws a failed query (Spark's maxResultSize, a parse error...) rather
            // than returning it; its message is Kylin's own, for a person.
            return HostQueryResult.failed(describeFailure(e));
        }
        if (response.getIsException()) {
            return HostQueryResult.failed(response.getExceptionMessage());
        }
        List<ColumnMeta> columns = new ArrayList<>();
        for (SelectedColumnMeta meta : response.getColumnMetas()) {
            columns.add(new ColumnMeta(meta.getLabel(), meta.getColumnTypeName(), meta.getColumnType(),
                    meta.getPrecision(), meta.getScale()));
        }
        List<List<String>> rows = response.getResults();
        return HostQueryResult.of(Collections.unmodifiableList(columns), rows == null ? Collections.emptyList() : rows);
    }

    @Override
    public String describeFailure(Throwable error) {
        return QueryUtil.makeErrorMsgUserFriendly(error);
    }
}
