package org.apache.kylin.asyncquery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;


/**
 * Values a client chooses reach the audit log (a project name, a user name); whatever Unicode
 * spaces, line or paragraph separators, control or format characters they carry, each action stays one line of
 * space-separated key=value fields.
 */
class AuditLinesE2ETest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Map.of());

    /** Every kind of separator and invisible character the line must not carry, and the line's own syntax. */
    private static final String HOSTILE = "a\u2028b\u2029c\u0085d\u00A0e\u2007f\u202Fg\u3000h\u200Bi\u202Ej\uFEFFk"
            + "\u001Bl\tm\rn\no p=q\"r";
    private static final String CLEANED = "a_b_c_d_e_f_g_h_i_j_k_l_m_n_o_p_q_r";

    @RegisterExtension
    final AuditCapture audit = new AuditCapture();

    @Test
    void aProjectNameCarryingSeparatorsStaysInItsField() throws Exception {
        String body = ApiClient.JSON.writeValueAsString(Map.of("sql", "select 1", "project", HOSTILE));
        ApiClient.Response response = SERVER.admin().post("/async_query", body, "Content-Type", "application/json");
        String id = response.json().path("data").path("queryID").asText();
        assertOneLineEach();
        assertThat(audit.lines()).contains("action=submit outcome=failed user=ADMIN project=" + CLEANED + " query_id=" + id
                + " client=127.0.0.1");
    }

    @Test
    void aUserNameCarryingSeparatorsStaysInItsField() {
        LoginThrottleE2ETest.guessUntilChecked(6, i -> SERVER.as(HOSTILE, "guess-" + i));
        ApiClient.Response refused = SERVER.as(HOSTILE, "guess").get("/async_query");
        BadInputE2ETest.assertClientError(refused, 429, "LOGIN_THROTTLED");
        assertOneLineEach();
        assertThat(audit.lines()).contains("action=authenticate outcome=refused user=" + CLEANED + " project=- query_id=- "
                + "client=127.0.0.1 error=LOGIN_THROTTLED");
    }

    /** Refused while Spring binds the path, before the endpoint runs: still audited as the action it attempted. */
    @Test
    void aPathIdThatIsNoQueryIdIsAuditedAsTheActionItAttempted() {
        BadInputE2ETest.assertClientError(SERVER.admin().get("/async_query/not-a-uuid/result_download"), 400,
                "INVALID_QUERY_ID");
        BadInputE2ETest.assertClientError(SERVER.admin().delete("/async_query/stop/not-a-uuid"), 400,
                "INVALID_QUERY_ID");
        BadInputE2ETest.assertClientError(SERVER.admin().delete("/async_query/not-a-uuid"), 400, "INVALID_QUERY_ID");
        BadInputE2ETest.assertClientError(SERVER.admin().get("/async_query/not-a-uuid/status"), 400,
                "INVALID_QUERY_ID");
        assertOneLineEach();
        assertThat(audit.lines()).containsExactly(
                "action=download outcome=refused user=ADMIN project=- query_id=not-a-uuid client=127.0.0.1"
                        + " error=INVALID_QUERY_ID",
                "action=cancel outcome=refused user=ADMIN project=- query_id=not-a-uuid client=127.0.0.1"
                        + " error=INVALID_QUERY_ID",
                "action=delete outcome=refused user=ADMIN project=- query_id=not-a-uuid client=127.0.0.1"
                        + " error=INVALID_QUERY_ID");
    }

    private void assertOneLineEach() {
        for (String line : audit.lines()) {
            assertThat(line.split(" ")).as(line).hasSizeBetween(6, 7).allMatch(field -> field.matches("[a-z_]+=\\S+"));
            assertThat(line.codePoints().filter(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
                    || Character.isISOControl(c) || Character.getType(c) == Character.FORMAT).filter(c -> c != ' ')
                    .count()).as(line).isZero();
        }
    }

}
