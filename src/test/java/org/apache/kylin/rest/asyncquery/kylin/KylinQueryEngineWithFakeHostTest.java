package org.apache.kylin.rest.asyncquery.kylin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.apache.kylin.asyncquery.standalone.CalciteProjectConnections;
import org.apache.kylin.rest.asyncquery.engine.PagingClauses;
import org.apache.kylin.rest.asyncquery.engine.ProjectAccessDeniedException;
import org.apache.kylin.rest.asyncquery.engine.QueryExecutionException;
import org.apache.kylin.rest.asyncquery.engine.QuerySpec;
import org.apache.kylin.rest.asyncquery.engine.RowSink;
import org.apache.kylin.rest.asyncquery.vocabulary.CancellationToken;
import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.springframework.security.access.AccessDeniedException;

/**
 * The Kylin engine adapter against a FAKE host (a Mockito mock of {@link KylinHost}) whose query connection is a
 * real Calcite JDBC connection. The real host's query path needs Spark and a Kylin metadata store.
 */
class KylinQueryEngineWithFakeHostTest {
    private final KylinHost host = mock(KylinHost.class);
    private final KylinQueryEngine engine = new KylinQueryEngine(host,
            new org.apache.kylin.rest.asyncquery.spark.SparkExport("async_query_tasks", true));
    private final Collected sink = new Collected();

    @BeforeEach
    void connectionsAreRealCalcite() throws Exception {
        when(host.connect(anyString())).thenAnswer(call -> DriverManager.getConnection("jdbc:calcite:"));
    }

    @Test
    void runsKylinsMassagedSqlAndStreamsTheRows() throws Exception {
        String sql = "select x from (values (1),(2),(3)) as t(x)";
        when(host.massageSql(org.mockito.ArgumentMatchers.eq(sql), org.mockito.ArgumentMatchers.eq("learn_kylin"),
                org.mockito.ArgumentMatchers.eq(2), org.mockito.ArgumentMatchers.eq(0),
                org.mockito.ArgumentMatchers.any())).thenReturn(sql + " limit 2");

        engine.execute(new QuerySpec("ANALYST", "learn_kylin", sql, 0, 2, PagingClauses.NONE), sink, new CancellationToken());

        assertThat(sink.rows).containsExactly(List.of(1), List.of(2));
        InOrder order = inOrder(host);
        order.verify(host).enterQueryContext("ANALYST", "learn_kylin");
        order.verify(host).connect("learn_kylin");
        order.verify(host).leaveQueryContext();
    }

    @Test
    void aFailureWithoutPushdownIsKylinsFriendlyMessage() throws Exception {
        when(host.massageSql(anyString(), anyString(), anyInt(), anyInt(), org.mockito.ArgumentMatchers.any()))
                .thenReturn("select * from NO_SUCH_TABLE");
        when(host.describeFailure(org.mockito.ArgumentMatchers.any())).thenReturn("Table not found (friendly)");

        assertThatThrownBy(() -> engine.execute(new QuerySpec("ANALYST", "p", "x", 0, 0, PagingClauses.NONE), sink,
                new CancellationToken())).isInstanceOf(QueryExecutionException.class)
                .hasMessage("Table not found (friendly)");
    }

    @Test
    void aFailureWithPushdownFallsBackToKylinsInMemoryQuery() throws Exception {
        when(host.massageSql(anyString(), anyString(), anyInt(), anyInt(), org.mockito.ArgumentMatchers.any()))
                .thenReturn("select * from NEEDS_PUSHDOWN");
        when(host.pushDownEnabled()).thenReturn(true);
        when(host.queryInMemory("p", "select * from HIVE_TABLE", 10, 5)).thenReturn(HostQueryResult.of(
                List.of(new ColumnMeta("C", "VARCHAR", Types.VARCHAR, 10, 0)),
                List.of(Arrays.asList("a"), Arrays.asList((String) null))));

        engine.execute(new QuerySpec("ANALYST", "p", "select * from HIVE_TABLE", 5, 10, PagingClauses.NONE), sink,
                new CancellationToken());

        assertThat(sink.columns).extracting(ColumnMeta::name).containsExactly("C");
        assertThat(sink.rows).containsExactly(Arrays.asList("a"), Arrays.asList((Object) null));
    }

    /**
     * Kylin appends the request's LIMIT and OFFSET to the text. Where the SQL caps its own rows with FETCH FIRST,
     * the offset goes in before the FETCH and neither is appended, so FETCH behaves as LIMIT does.
     */
    @Test
    void anOffsetForSqlWithItsOwnFetchGoesBeforeTheFetch() throws Exception {
        String sql = "select x from (values (1),(2),(3),(4),(5)) as t(x) fetch first 2 rows only";
        String withOffset = "select x from (values (1),(2),(3),(4),(5)) as t(x)  OFFSET 1 ROWS fetch first 2 rows only";
        when(host.massageSql(org.mockito.ArgumentMatchers.eq(withOffset), anyString(), org.mockito.ArgumentMatchers.eq(0),
                org.mockito.ArgumentMatchers.eq(0), org.mockito.ArgumentMatchers.any())).thenReturn(withOffset);

        engine.execute(new QuerySpec("ANALYST", "p", sql, 1, 3, PagingClauses.of(true, false, sql.indexOf("fetch"))),
                sink, new CancellationToken());

        assertThat(sink.rows).containsExactly(List.of(2), List.of(3));
    }

    /** Kylin's in-memory rows are strings; each value reaches the writers as its column's type. */
    @Test
    void inMemoryRowsAreReadAsTheirColumnsTypes() throws Exception {
        when(host.massageSql(anyString(), anyString(), anyInt(), anyInt(), org.mockito.ArgumentMatchers.any()))
                .thenReturn("select * from NEEDS_PUSHDOWN");
        when(host.pushDownEnabled()).thenReturn(true);
        List<ColumnMeta> columns = List.of(column("B", "BOOLEAN", Types.BOOLEAN, 1, 0),
                column("T", "TINYINT", Types.TINYINT, 3, 0), column("S", "SMALLINT", Types.SMALLINT, 5, 0),
                column("I", "INTEGER", Types.INTEGER, 10, 0), column("L", "BIGINT", Types.BIGINT, 19, 0),
                column("R", "REAL", Types.REAL, 7, 0), column("F", "FLOAT", Types.FLOAT, 15, 0),
                column("D", "DOUBLE", Types.DOUBLE, 15, 0), column("N", "DECIMAL", Types.DECIMAL, 19, 4),
                column("DT", "DATE", Types.DATE, 0, 0), column("TM", "TIME", Types.TIME, 0, 0),
                column("TS", "TIMESTAMP", Types.TIMESTAMP, 0, 0), column("C", "CHAR", Types.CHAR, 3, 0),
                column("V", "VARCHAR", Types.VARCHAR, 10, 0));
        when(host.queryInMemory(anyString(), anyString(), anyInt(), anyInt())).thenReturn(HostQueryResult.of(columns,
                List.of(Arrays.asList("true", "-128", "-32768", "-2147483648", "-9223372036854775808", "0.1",
                        "-1.7976931348623157E308", "1.0E-5", "927.96645", "1900-01-01", "00:00:00",
                        "2012-01-01 00:00:00.0", "ab ", " 42 "),
                        Arrays.asList("false", "127", "32767", "2147483647", "9223372036854775807", "3.4028235E38",
                                "NaN", "-Infinity", "-1E+3", "9999-12-31 00:00:00", "23:59:59.5",
                                "2024-02-29T23:59:58.123", "", ""),
                        Arrays.asList(null, "", " ", null, "", null, "", null, "", null, "", null, null, null))));

        engine.execute(new QuerySpec("ANALYST", "p", "x", 0, 0, PagingClauses.NONE), sink, new CancellationToken());

        assertThat(sink.rows.get(0)).containsExactly(true, (byte) -128, (short) -32768, Integer.MIN_VALUE,
                Long.MIN_VALUE, 0.1f, -Double.MAX_VALUE, 1.0E-5, new BigDecimal("927.9665"),
                LocalDate.of(1900, 1, 1), LocalTime.MIDNIGHT, LocalDateTime.of(2012, 1, 1, 0, 0), "ab ", " 42 ");
        assertThat(sink.rows.get(1)).containsExactly(false, (byte) 127, (short) 32767, Integer.MAX_VALUE,
                Long.MAX_VALUE, Float.MAX_VALUE, Double.NaN, Double.NEGATIVE_INFINITY, new BigDecimal("-1000.0000"),
                LocalDate.of(9999, 12, 31), LocalTime.of(23, 59, 59, 500_000_000),
                LocalDateTime.of(2024, 2, 29, 23, 59, 58, 123_000_000), "", "");
        assertThat(sink.rows.get(2)).containsExactly(null, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    @Test
    void anInMemoryValueThatIsNotOfItsColumnsTypeFailsTheQueryNamingIt() throws Exception {
        when(host.massageSql(anyString(), anyString(), anyInt(), anyInt(), org.mockito.ArgumentMatchers.any()))
                .thenReturn("select * from NEEDS_PUSHDOWN");
        when(host.pushDownEnabled()).thenReturn(true);
        when(host.queryInMemory(anyString(), anyString(), anyInt(), anyInt())).thenReturn(HostQueryResult.of(
                List.of(column("N", "INTEGER", Types.INTEGER, 10, 0)),
                List.of(Arrays.asList("1"), Arrays.asList("1.5"))));

        assertThatThrownBy(() -> engine.execute(new QuerySpec("ANALYST", "p", "x", 0, 0, PagingClauses.NONE), sink,
                new CancellationToken())).isInstanceOf(QueryExecutionException.class)
                .hasMessage("Row 2: Column N holds '1.5', which is not a value of its type INTEGER.");
    }

    private static ColumnMeta column(String name, String type, int jdbcType, int precision, int scale) {
        return new ColumnMeta(name, type, jdbcType, precision, scale);
    }

    @Test
    void aFailedInMemoryQueryFailsWithKylinsMessage() throws Exception {
        when(host.massageSql(anyString(), anyString(), anyInt(), anyInt(), org.mockito.ArgumentMatchers.any()))
                .thenReturn("select * from NEEDS_PUSHDOWN");
        when(host.pushDownEnabled()).thenReturn(true);
        when(host.queryInMemory(anyString(), anyString(), anyInt(), anyInt()))
                .thenReturn(HostQueryResult.failed("No realization found; pushdown failed too"));

        assertThatThrownBy(() -> engine.execute(new QuerySpec("ANALYST", "p", "x", 0, 0, PagingClauses.NONE), sink,
                new CancellationToken())).hasMessage("No realization found; pushdown failed too");
    }

    @Test
    void aDataErrorOfKylinsCalciteIsAReadableFailureNotAnError() throws Exception {
        // Calcite, as Kylin runs it, throws 1/0 from generated code as an ExceptionInInitializerError.
        when(host.massageSql(anyString(), anyString(), anyInt(), anyInt(), org.mockito.ArgumentMatchers.any()))
                .thenReturn("select 1/0");

        assertThatThrownBy(() -> engine.execute(new QuerySpec("ANALYST", "p", "select 1/0", 0, 0, PagingClauses.NONE), sink,
                new CancellationToken())).isInstanceOf(QueryExecutionException.class)
                .hasMessage("Division by zero.");
    }

    /**
     * The plugin runs each query on the host's connection for the query's own project and nothing else; what that
     * connection can see is the host's. Here the FAKE host's connection is per project, as Kylin's QueryConnection
     * is, so another project's table is not found.
     */
    @Test
    void aQueryRunsOnlyOnItsOwnProjectsConnection() throws Exception {
        CalciteProjectConnections perProject = new CalciteProjectConnections(Path.of("test-data", "model.json"));
        when(host.connect(anyString())).thenAnswer(call -> perProject.open(call.getArgument(0)));
        when(host.massageSql(anyString(), anyString(), anyInt(), anyInt(), org.mockito.ArgumentMatchers.any()))
                .thenAnswer(call -> call.getArgument(0));
        when(host.describeFailure(org.mockito.ArgumentMatchers.any()))
                .thenAnswer(call -> ((Throwable) call.getArgument(0)).getMessage());

        assertThatThrownBy(() -> engine.execute(new QuerySpec("ANALYST", "DEFAULT",
                "select * from \"tpch_kap_24\".CUSTOMER", 0, 0, PagingClauses.NONE), sink, new CancellationToken()))
                .isInstanceOf(QueryExecutionException.class).hasMessageContaining("Object 'tpch_kap_24' not found");
        engine.execute(new QuerySpec("ANALYST", "DEFAULT", "select count(*) from TEST_KYLIN_FACT", 0, 0, PagingClauses.NONE), sink,
                new CancellationToken());
        assertThat(sink.rows).containsExactly(List.of(1000L));
        verify(host, times(2)).connect("DEFAULT");
        verify(host, never()).connect("tpch_kap_24");
        verify(host, times(2)).massageSql(anyString(), eq("DEFAULT"), anyInt(), anyInt(), eq("DEFAULT"));
    }

    @Test
    void kylinsAccessDenialBecomesAProjectRefusal() {
        doThrow(new AccessDeniedException("Access is denied")).when(host).checkQueryPermission("ssb");
        assertThatThrownBy(() -> engine.authorize("ANALYST", "ssb"))
                .isInstanceOf(ProjectAccessDeniedException.class)
                .hasMessageContaining("ANALYST").hasMessageContaining("ssb");
        engine.authorize("ANALYST", "learn_kylin");
    }

    @Test
    void projectsResolveThroughKylin() {
        when(host.project("LEARN_KYLIN")).thenReturn(Optional.of("learn_kylin"));
        assertThat(engine.resolveProject("LEARN_KYLIN")).contains("learn_kylin");
        assertThat(engine.resolveProject("nope")).isEmpty();
    }

    private static final class Collected implements RowSink {
        List<ColumnMeta> columns;
        final List<List<Object>> rows = new ArrayList<>();

        @Override
        public void start(List<ColumnMeta> columns) {
            this.columns = columns;
        }

        @Override
        public void row(Object[] values) {
            rows.add(Arrays.asList(values.clone()));
        }
    }
}
