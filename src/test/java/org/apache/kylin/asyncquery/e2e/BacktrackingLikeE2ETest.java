package org.apache.kylin.asyncquery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The LIKE that made Calcite's regular expression backtrack for hours inside one row, on a server with one query
 * thread: it is answered like any other query, and the thread goes on to the next one.
 */
class BacktrackingLikeE2ETest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Map.of("kylin.query.async.threads", "1"));

    @Test
    void aPatternOfManyPercentsIsAnsweredAndTheThreadGoesOn() {
        String sixtyAs = "a".repeat(60);
        String percents = "%a".repeat(30);
        ApiClient analyst = SERVER.analyst();
        String attack = analyst.runToSuccess(body("select '" + sixtyAs + "' like '" + percents + "b' as A, "
                + "'" + sixtyAs + "' like '" + percents + "' as B"));
        assertThat(analyst.get("/async_query/" + attack + "/result").text()).isEqualTo("false,true\r\n");
        // The same over a table's rows, where the value is not a constant the planner could fold.
        String rows = analyst.runToSuccess(body("select count(*) from TEST_KYLIN_FACT where LSTG_FORMAT_NAME || '"
                + sixtyAs + "' like '" + percents + "b'"));
        assertThat(analyst.get("/async_query/" + rows + "/result").text()).isEqualTo("0\r\n");
        String next = SERVER.modeler().runToSuccess(body("select count(*) from TEST_KYLIN_FACT"));
        assertThat(SERVER.modeler().get("/async_query/" + next + "/result").text()).isEqualTo("1000\r\n");
    }

    private static String body(String sql) {
        return ApiClient.JSON.createObjectNode().put("sql", sql).put("project", "DEFAULT").toString();
    }
}
