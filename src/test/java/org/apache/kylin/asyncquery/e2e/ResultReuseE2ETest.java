package org.apache.kylin.asyncquery.e2e;

import static org.apache.kylin.asyncquery.e2e.SafeRetriesE2ETest.submitData;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code kylin.query.async.reuse-minutes}: a submit equal to a recent SUCCESSFUL query of the same user answers
 * that query; anything else runs anew, and with the key unset (the default) nothing is reused. (The window's end is
 * in ResultReuseTest, with a clock a test can move; across servers in SafeRetriesAcrossServersE2ETest.)
 */
class ResultReuseE2ETest {
    @RegisterExtension
    static final ServerExtension REUSING = new ServerExtension(Map.of("kylin.query.async.reuse-minutes", "60"));
    @RegisterExtension
    static final ServerExtension DEFAULTS = new ServerExtension(Map.of());

    private static final String BODY = "{\"sql\":\"select COUNTRY from KYLIN_COUNTRY order by 1\","
            + "\"project\":\"learn_kylin\",\"include_header\":true,\"offset\":2,\"limit\":3}";

    @Test
    void anEqualSubmitOfTheSameUserAnswersTheSuccessfulQuery() throws Exception {
        String first = REUSING.analyst().runToSuccess(BODY);
        long folders = REUSING.queryFolderCount();
        JsonNode again = submitData(REUSING.analyst(), BODY.replace("learn_kylin", "LEARN_KYLIN"));
        assertThat(again.path("queryID").asText()).isEqualTo(first);
        assertThat(again.path("status").asText()).isEqualTo("SUCCESSFUL");
        assertThat(again.path("result_rows").asLong()).isEqualTo(3);
        assertThat(REUSING.queryFolderCount()).isEqualTo(folders);
    }

    @Test
    void anotherUserOrOtherPagingOrFormatOptionsRunAnew() {
        String first = REUSING.analyst().runToSuccess(BODY);
        assertThat(REUSING.modeler().submit(BODY)).isNotEqualTo(first);
        assertThat(REUSING.analyst().submit(BODY.replace("\"offset\":2", "\"offset\":1"))).isNotEqualTo(first);
        assertThat(REUSING.analyst().submit(BODY.replace("\"limit\":3", "\"limit\":4"))).isNotEqualTo(first);
        assertThat(REUSING.analyst().submit(BODY.replace("\"include_header\":true", "\"include_header\":false")))
                .isNotEqualTo(first);
        assertThat(REUSING.analyst().submit(BODY.replace("}", ",\"separator\":\";\"}"))).isNotEqualTo(first);
        assertThat(REUSING.analyst().submit(BODY.replace("order by 1", "order by 1 desc"))).isNotEqualTo(first);
    }

    @Test
    void aFailedRunningOrDeletedQueryIsNotReused() {
        String failed = REUSING.analyst().submit("{\"sql\":\"select 1/0 as X\"}");
        assertThat(REUSING.analyst().awaitDone(failed).path("status").asText()).isEqualTo("FAILED");
        assertThat(REUSING.analyst().submit("{\"sql\":\"select 1/0 as X\"}")).isNotEqualTo(failed);

        String running = REUSING.analyst().submit(SlowQueries.STREAMING_CROSS_JOIN);
        String again = REUSING.analyst().submit(SlowQueries.STREAMING_CROSS_JOIN);
        assertThat(again).isNotEqualTo(running);
        for (String id : new String[] {running, again}) {
            assertThat(REUSING.analyst().delete("/async_query/" + id).status()).isEqualTo(200);
        }

        String body = "{\"sql\":\"select 'deleted' as X\"}";
        String deleted = REUSING.analyst().runToSuccess(body);
        assertThat(REUSING.analyst().delete("/async_query/" + deleted).status()).isEqualTo(200);
        assertThat(REUSING.analyst().submit(body)).isNotEqualTo(deleted);
    }

    @Test
    void withReuseOffAnEqualSubmitRunsAgain() {
        String first = DEFAULTS.analyst().runToSuccess(BODY);
        assertThat(DEFAULTS.analyst().submit(BODY)).isNotEqualTo(first);
    }
}
