package org.apache.kylin.rest.asyncquery.kylin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.sql.Connection;
import java.sql.Types;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.apache.kylin.metadata.querymeta.SelectedColumnMeta;
import org.apache.kylin.query.QueryConnection;
import org.apache.kylin.query.util.QueryUtil;
import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;
import org.apache.kylin.rest.exception.InternalErrorException;
import org.apache.kylin.rest.request.SQLRequest;
import org.apache.kylin.rest.response.SQLResponse;
import org.apache.kylin.rest.util.AclEvaluate;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.MockedStatic;

/**
 * {@link Kylin4Host} against MOCKED Kylin 4.0.4 classes: the real classes' signatures from Maven Central, their
 * behaviour faked with Mockito, as a fast unit test on the project's own classpath (where Kylin's shaded Guava is
 * missing, so {@code KylinConfig} cannot load). The same calls run for real on Kylin 4.0.4 in {@code KylinHostIT}.
 */
class Kylin4HostWithMockedKylinTest {
    /** Stands in for {@code QueryService::doQueryWithCache}: QueryService itself cannot load here. */
    @SuppressWarnings("unchecked")
    private final Function<SQLRequest, SQLResponse> queryService = mock(Function.class);
    private final AclEvaluate aclEvaluate = mock(AclEvaluate.class);
    private final Kylin4Host host = new Kylin4Host(queryService, aclEvaluate);

    @Test
    void permissionIsKylinsProjectReadPermission() {
        host.checkQueryPermission("learn_kylin");
        verify(aclEvaluate).checkProjectReadPermission("learn_kylin");
    }

    @Test
    void connectionsAreKylinsQueryConnection() throws Exception {
        Connection connection = mock(Connection.class);
        try (MockedStatic<QueryConnection> queryConnection = mockStatic(QueryConnection.class)) {
            queryConnection.when(() -> QueryConnection.getConnection("ssb")).thenReturn(connection);
            assertThat(host.connect("ssb")).isSameAs(connection);
        }
    }

    @Test
    void sqlIsMassagedByKylinsQueryUtilWithTheRequestsLimitAndOffset() {
        try (MockedStatic<QueryUtil> queryUtil = mockStatic(QueryUtil.class)) {
            queryUtil.when(() -> QueryUtil.massageSql("select 1", "ssb", 10, 5, "DEFAULT")).thenReturn("massaged");
            queryUtil.when(() -> QueryUtil.makeErrorMsgUserFriendly(any(Throwable.class))).thenReturn("friendly");
            assertThat(host.massageSql("select 1", "ssb", 10, 5, "DEFAULT")).isEqualTo("massaged");
            assertThat(host.describeFailure(new RuntimeException("x"))).isEqualTo("friendly");
        }
    }

    @Test
    void theInMemoryPathIsKylinsQueryServiceWithItsColumnMetadata() {
        SQLResponse response = mock(SQLResponse.class);
        SelectedColumnMeta gmv = mock(SelectedColumnMeta.class);
        when(gmv.getLabel()).thenReturn("GMV");
        when(gmv.getColumnTypeName()).thenReturn("DECIMAL");
        when(gmv.getColumnType()).thenReturn(Types.DECIMAL);
        when(gmv.getPrecision()).thenReturn(19);
        when(gmv.getScale()).thenReturn(4);
        when(response.getColumnMetas()).thenReturn(List.of(gmv));
        when(response.getResults()).thenReturn(List.of(Arrays.asList("1.0000")));
        when(queryService.apply(any(SQLRequest.class))).thenReturn(response);

        HostQueryResult result = host.queryInMemory("learn_kylin", "select sum(PRICE) as GMV from KYLIN_SALES", 10, 2);

        ArgumentCaptor<SQLRequest> request = ArgumentCaptor.forClass(SQLRequest.class);
        verify(queryService).apply(request.capture());
        assertThat(request.getValue().getProject()).isEqualTo("learn_kylin");
        assertThat(request.getValue().getLimit()).isEqualTo(10);
        assertThat(request.getValue().getOffset()).isEqualTo(2);
        assertThat(result.columns()).containsExactly(new ColumnMeta("GMV", "DECIMAL", Types.DECIMAL, 19, 4));
        assertThat(result.rows()).containsExactly(List.of("1.0000"));
    }

    @Test
    void aFailedKylinResponseIsAFailedResult() {
        SQLResponse response = mock(SQLResponse.class);
        when(response.getIsException()).thenReturn(true);
        when(response.getExceptionMessage()).thenReturn("No realization found");
        when(queryService.apply(any(SQLRequest.class))).thenReturn(response);
        assertThat(host.queryInMemory("p", "x", 0, 0).failure()).isEqualTo("No realization found");
    }

    /** What Kylin 4.0.4 really does with a failed query (KylinHostIT runs it): it throws. */
    @Test
    void aQueryKylinThrowsForIsAFailedResultWithKylinsMessage() {
        InternalErrorException failure = new InternalErrorException("Job aborted due to stage failure: Total size of "
                + "serialized results of 1 tasks (5.9 MiB) is bigger than spark.driver.maxResultSize (1024.0 KiB)");
        when(queryService.apply(any(SQLRequest.class))).thenThrow(failure);
        try (MockedStatic<QueryUtil> queryUtil = mockStatic(QueryUtil.class)) {
            queryUtil.when(() -> QueryUtil.makeErrorMsgUserFriendly(failure)).thenReturn("friendly");
            assertThat(host.queryInMemory("p", "x", 0, 0).failure()).isEqualTo("friendly");
        }
    }
}
