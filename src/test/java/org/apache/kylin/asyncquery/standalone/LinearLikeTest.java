package org.apache.kylin.asyncquery.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;

import org.apache.calcite.runtime.SqlFunctions;
import org.junit.jupiter.api.Test;

/**
 * {@link LinearLike} against Calcite's own LIKE (a regular expression per pattern): the same answers and the same
 * errors, on values and patterns drawn from the characters where they could differ (wildcards, escapes, regular
 * expression specials, line terminators, a surrogate pair); and through the standalone server's connections.
 */
class LinearLikeTest {
    private static final String[] PIECES = {"a", "b", "x", "%", "_", "\\", "$", ".", "[", "*", "(", "\n", "\r",
        "\u0085", "\u2028", "\uD83D\uDE00", "é"};
    private static final Path MODEL = Path.of("test-data", "model.json");

    @Test
    void answersAsCalcitesRegularExpressionDoes() {
        SqlFunctions.LikeFunction calcite = new SqlFunctions.LikeFunction();
        Random random = new Random(20240601);
        for (int i = 0; i < 300_000; i++) {
            String value = draw(random, random.nextInt(9));
            String pattern = draw(random, random.nextInt(8));
            String escape = random.nextInt(3) == 0 ? PIECES[random.nextInt(PIECES.length - 2)] : null;
            String expected = outcome(() -> escape == null ? calcite.like(value, pattern)
                    : calcite.like(value, pattern, escape));
            String actual = outcome(() -> escape == null ? LinearLike.like(value, pattern)
                    : LinearLike.likeEscape(value, pattern, escape));
            assertThat(actual).as("'%s' LIKE '%s' ESCAPE %s", value, pattern, escape).isEqualTo(expected);
        }
    }

    @Test
    void aPatternThatMakesRegularExpressionsBacktrackIsAnsweredAtOnce() {
        String value = "a".repeat(5_000);
        String pattern = "%a".repeat(2_000) + "b";
        assertThat(LinearLike.like(value, pattern)).isFalse();
        assertThat(LinearLike.like(value, "%a".repeat(2_000) + "%")).isTrue();
    }

    @Test
    void nullsAndBadEscapesAsInSql() {
        assertThat(LinearLike.like(null, "a")).isNull();
        assertThat(LinearLike.likeEscape("a", "a", null)).isNull();
        assertThatThrownBy(() -> LinearLike.likeEscape("a", "a", "ab"))
                .hasMessage("Invalid escape character 'ab'");
        assertThatThrownBy(() -> LinearLike.likeEscape("a", "a\\", "\\"))
                .hasMessage("Invalid escape sequence 'a\\', 1");
    }

    /** Every form of LIKE through the standalone server's connections, against plain Calcite's. */
    @Test
    void theServersConnectionsAnswerLikeAsPlainCalcite() throws Exception {
        CalciteProjectConnections connections = new CalciteProjectConnections(MODEL);
        for (String sql : List.of(
                "select count(*) from KYLIN_SALES where LSTG_FORMAT_NAME like 'A%'",
                "select count(*) from KYLIN_SALES where LSTG_FORMAT_NAME not like '%n'",
                "select LSTG_FORMAT_NAME, LSTG_FORMAT_NAME like '%-%' from KYLIN_SALES group by LSTG_FORMAT_NAME "
                        + "order by 1",
                "select x like y, x not like y, x like y escape '!' from (values ('a%b', 'a!%b'), ('a_c', '_!_c'), "
                        + "('abc', '%'), (cast(null as varchar(3)), 'a'), ('a', cast(null as varchar(3)))) as t (x, y)",
                "select case when 'Auction' like 'Auc%' then 1 else 0 end, 'x\ny' like 'x_y', 'x\ny' like 'x%y'",
                "select count(*) from KYLIN_SALES where LSTG_FORMAT_NAME like '%' || 'GTC' and PRICE > 0")) {
            try (Connection linear = connections.open("learn_kylin");
                    Connection plain = plainCalcite("learn_kylin")) {
                assertThat(rows(linear, sql)).as(sql).isEqualTo(rows(plain, sql)).isNotEmpty();
            }
        }
    }

    private static Connection plainCalcite(String project) throws SQLException {
        Properties info = new Properties();
        info.setProperty("model", MODEL.toString());
        Connection connection = DriverManager.getConnection("jdbc:calcite:", info);
        connection.setSchema(project);
        return connection;
    }

    private static List<List<Object>> rows(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    private static String draw(Random random, int pieces) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return text.toString();
    }

    /** The answer, or the error's message (Calcite wraps its own in its pattern cache's exception). */
    private static String outcome(java.util.function.Supplier<Boolean> like) {
        try {
            return String.valueOf(like.get());
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return "error: " + root.getMessage();
        }
    }
}
