package org.apache.kylin.rest.asyncquery.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import org.apache.kylin.rest.asyncquery.security.CalciteSqlGrammar;
import org.apache.kylin.rest.asyncquery.security.SqlVerdict;
import org.apache.kylin.rest.asyncquery.vocabulary.CancellationToken;
import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The JDBC engine over a real Calcite connection (no model: literal and VALUES queries), with the paging clauses
 * Calcite's parser finds in the read-only check, as the service hands them over.
 */
class JdbcQueryEngineTest {
    private final JdbcQueryEngine engine = new JdbcQueryEngine(new ProjectConnections() {
        @Override
        public List<String> projects() {
            return List.of("DEFAULT", "learn_kylin");
        }

        @Override
        public Connection open(String project) throws SQLException {
            return DriverManager.getConnection("jdbc:calcite:", new Properties());
        }
    }, 100);

    private static final String TEN_ROWS = "select x from (values (1),(2),(3),(4),(5),(6),(7),(8),(9),(10)) as t(x)";

    @Test
    void resolvesProjectsCaseInsensitively() {
        assertThat(engine.resolveProject("learn_kylin")).contains("learn_kylin");
        assertThat(engine.resolveProject("LEARN_KYLIN")).contains("learn_kylin");
        assertThat(engine.resolveProject("nope")).isEmpty();
    }

    @Test
    void streamsColumnsAndTypedValues() throws IOException {
        Collected result = run("select cast('2012-01-02' as date) as D, "
                + "cast('2012-01-02 03:04:05' as timestamp) as TS, cast(1.5 as decimal(19,4)) as P, "
                + "cast(null as integer) as N", 0, 0);
        assertThat(result.columns).extracting(ColumnMeta::name).containsExactly("D", "TS", "P", "N");
        assertThat(result.columns).extracting(ColumnMeta::typeName)
                .containsExactly("DATE", "TIMESTAMP", "DECIMAL", "INTEGER");
        assertThat(result.rows).containsExactly(List.of(LocalDate.of(2012, 1, 2),
                LocalDateTime.of(2012, 1, 2, 3, 4, 5), new BigDecimal("1.5000"), "null"));
    }

    @Test
    void appliesOffsetAndLimitOnlyWhereTheSqlHasNone() throws IOException {
        assertThat(run(TEN_ROWS, 2, 3).firstColumn()).containsExactly(3, 4, 5);
        assertThat(run(TEN_ROWS + " limit 2", 0, 5).firstColumn()).containsExactly(1, 2);
        // As in Kylin, an offset applies before the SQL's own LIMIT: it goes into the statement.
        assertThat(run(TEN_ROWS + " limit 4", 1, 0).firstColumn()).containsExactly(2, 3, 4, 5);
        assertThat(run(TEN_ROWS + " limit 4;", 8, 0).firstColumn()).containsExactly(9, 10);
        assertThat(run(TEN_ROWS + " offset 8 rows", 3, 0).firstColumn()).containsExactly(9, 10);
        assertThat(run(TEN_ROWS, 0, 0).firstColumn()).hasSize(10);
    }

    @Test
    void fetchFirstIsALimitLikeAnyOther() throws IOException {
        assertThat(run(TEN_ROWS + " fetch first 7 rows only", 3, 0).firstColumn())
                .containsExactly(4, 5, 6, 7, 8, 9, 10)
                .isEqualTo(run(TEN_ROWS + " limit 7", 3, 0).firstColumn());
        assertThat(run(TEN_ROWS + " order by x desc fetch next 2 rows only -- the top two", 1, 5).firstColumn())
                .containsExactly(9, 8);
        assertThat(run("(" + TEN_ROWS + " fetch first 3 rows only)", 2, 0).firstColumn()).containsExactly(3, 4, 5);
        assertThat(run(TEN_ROWS + " fetch first 1 row only", 4, 0).firstColumn()).containsExactly(5);
        // A limit inside a subquery is not the statement's: the request's offset and limit apply to its result.
        assertThat(run("select * from (" + TEN_ROWS + " fetch first 6 rows only) as s", 1, 2).firstColumn())
                .containsExactly(2, 3);
    }

    @Test
    void valuesHaveTheirColumnsDeclaredTypes() throws IOException {
        Collected result = run("select cast('00:00:00' as time) as T0, cast('12:34:56.789' as time(3)) as T3, "
                + "cast(0.1 as real) as R, cast(927.9664 as decimal(10,2)) as D, cast(-0.125 as decimal(5,2)) as H",
                0, 0);
        assertThat(result.rows).containsExactly(List.of(LocalTime.MIDNIGHT, LocalTime.of(12, 34, 56, 789_000_000),
                0.1f, new BigDecimal("927.97"), new BigDecimal("-0.13")));
    }

    @Test
    void aValueTooLargeForItsDeclaredDecimalFailsTheQuery() {
        assertThatThrownBy(() -> run("select x, cast(x as decimal(4,1)) as D from (values (1.5), (12345.678)) as t(x)",
                0, 0))
                .isInstanceOf(QueryExecutionException.class)
                .hasMessage("Row 2: Column D holds 12345.678, which does not fit its declared type DECIMAL(4,1).");
    }

    @Test
    void sqlErrorsBecomeReadableExecutionFailures() {
        assertThatThrownBy(() -> run("select * from NO_SUCH_TABLE", 0, 0))
                .isInstanceOf(QueryExecutionException.class)
                .hasMessageContaining("Object 'NO_SUCH_TABLE' not found")
                .hasMessageStartingWith("From line 1");
    }

    /** What the engine throws from its generated code, raw or as an ExceptionInInitializerError, in words. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            select 1/0 | Division by zero.
            select x / 0 from (values (1)) as t(x) | Division by zero.
            select mod(x, 0) from (values (5)) as t(x) | Division by zero.
            select 1.5 / 0 | Division by zero.
            select cast('x' as integer) | Not a number: "x".
            select x from (values (1)) as t(x) where x = 'abc' | Not a number: "abc".
            select cast('2020-02-30' as date) | Value of DAY field is out of range in '2020-02-30'
            select cast(x as date) from (values ('2020-13-01')) t(x) | Value of MONTH field is out of range in '2020-13-01'
            select cast(x as smallint) from (values (100000)) as t(x) | Arithmetic error: Value 100000 out of range
            select 'a' similar to '(' | Invalid regular expression '(': Unclosed group near index 1.
            select x similar to '(' from (values ('a')) t(x) | Invalid regular expression '(': Unclosed group near index 1.
            select substring(x from 1 for -2) from (values ('abc')) t(x) | Substring error: negative substring length not allowed
            select cast(x as boolean) from (values ('maybe')) as t(x) | Invalid character for cast: maybe
            """)
    void aQuerysOwnDataErrorsBecomeReadableFailures(String sql, String expected) {
        assertThatThrownBy(() -> run(sql, 0, 0)).isInstanceOfSatisfying(QueryExecutionException.class, e -> {
            assertThat(e.getMessage()).isEqualTo(expected);
            assertThat(e.isEngineFault()).isFalse();
        });
    }

    @Test
    void aDefectInsideTheEngineIsAnEngineFaultWithoutItsClassName() {
        // Calcite's OVERLAY indexes out of bounds for a position of 0: its bug, not the query's.
        assertThatThrownBy(() -> run("select overlay('abc' placing 'x' from 0)", 0, 0))
                .isInstanceOfSatisfying(QueryExecutionException.class, e -> {
                    assertThat(e.isEngineFault()).isTrue();
                    assertThat(e.getMessage()).isEqualTo(EngineFailures.ENGINE_FAULT);
                    assertThat(e.getCause()).isInstanceOf(ExceptionInInitializerError.class);
                });
    }

    @Test
    void theSinksOwnFailuresPassThroughUntouched() {
        RuntimeException limit = new IllegalStateException("the sink's own limit");
        assertThatThrownBy(() -> engine.execute(new QuerySpec("u", "DEFAULT", TEN_ROWS, 0, 0, PagingClauses.NONE),
                new FailingSink(limit), new CancellationToken())).isSameAs(limit);
        Error sinkError = new AssertionError("the sink's own error");
        assertThatThrownBy(() -> engine.execute(new QuerySpec("u", "DEFAULT", TEN_ROWS, 0, 0, PagingClauses.NONE),
                new FailingSink(sinkError), new CancellationToken())).isSameAs(sinkError);
    }

    @Test
    void theJvmsOwnErrorsAreNeverTranslated() {
        // FAKE connections that run out of memory while opening.
        OutOfMemoryError oom = new OutOfMemoryError("FAKE");
        JdbcQueryEngine starved = new JdbcQueryEngine(new ProjectConnections() {
            @Override
            public List<String> projects() {
                return List.of("DEFAULT");
            }

            @Override
            public Connection open(String project) {
                throw oom;
            }
        }, 100);
        assertThatThrownBy(() -> starved.execute(new QuerySpec("u", "DEFAULT", "select 1", 0, 0, PagingClauses.NONE), new Collected(),
                new CancellationToken())).isSameAs(oom);
    }

    @Test
    void aCancelledTokenStopsTheRowStream() {
        CancellationToken token = new CancellationToken();
        List<Object> seen = new ArrayList<>();
        assertThatThrownBy(() -> engine.execute(spec(TEN_ROWS, 0, 0), new RowSink() {
            @Override
            public void start(List<ColumnMeta> columns) {
            }

            @Override
            public void row(Object[] values) {
                seen.add(values[0]);
                if (seen.size() == 3) {
                    token.cancel();
                }
            }
        }, token)).isInstanceOf(QueryCancelledException.class);
        assertThat(seen).hasSize(3);
    }

    private Collected run(String sql, long offset, long limit) throws IOException {
        Collected collected = new Collected();
        engine.execute(spec(sql, offset, limit), collected, new CancellationToken());
        return collected;
    }

    private static final class FailingSink implements RowSink {
        private final Throwable failure;

        FailingSink(Throwable failure) {
            this.failure = failure;
        }

        @Override
        public void start(List<ColumnMeta> columns) {
        }

        @Override
        public void row(Object[] values) {
            if (failure instanceof Error) {
                throw (Error) failure;
            }
            throw (RuntimeException) failure;
        }
    }

    /** The spec the service makes: the statement and paging clauses of the read-only check's one parse. */
    private static QuerySpec spec(String sql, long offset, long limit) {
        SqlVerdict verdict = CalciteSqlGrammar.calciteJdbcDefaults().classify(sql, new CancellationToken());
        assertThat(verdict.isAccepted()).as(verdict.toString()).isTrue();
        return new QuerySpec("u", "DEFAULT", verdict.statement(), offset, limit,
                PagingClauses.of(verdict.ownLimit(), verdict.ownOffset(), verdict.offsetInsertionPoint()));
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
            rows.add(Arrays.stream(values).map(v -> v == null ? "null" : v).toList());
        }

        List<Object> firstColumn() {
            return rows.stream().map(r -> r.get(0)).toList();
        }
    }
}
