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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/** The JDBC engine over a real Calcite connection (no model: literal and VALUES queries). */
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
        // As in Kylin, an offset applies before the SQL's own LIMIT: it is appended to the statement.
        assertThat(run(TEN_ROWS + " limit 4", 1, 0).firstColumn()).containsExactly(2, 3, 4, 5);
        assertThat(run(TEN_ROWS + " limit 4;", 8, 0).firstColumn()).containsExactly(9, 10);
        assertThat(run(TEN_ROWS + " offset 8 rows", 3, 0).firstColumn()).containsExactly(9, 10);
        assertThat(run(TEN_ROWS, 0, 0).firstColumn()).hasSize(10);
    }

    @Test
    void sqlErrorsBecomeReadableExecutionFailures() {
        assertThatThrownBy(() -> run("select * from NO_SUCH_TABLE", 0, 0))
                .isInstanceOf(QueryExecutionException.class)
                .hasMessageContaining("Object 'NO_SUCH_TABLE' not found")
                .hasMessageStartingWith("From line 1");
    }

    @Test
    void aCancelledTokenStopsTheRowStream() {
        CancellationToken token = new CancellationToken();
        List<Object> seen = new ArrayList<>();
        assertThatThrownBy(() -> engine.execute(new QuerySpec("u", "DEFAULT", TEN_ROWS, 0, 0), new RowSink() {
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
        engine.execute(new QuerySpec("u", "DEFAULT", sql, offset, limit), collected, new CancellationToken());
        return collected;
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
