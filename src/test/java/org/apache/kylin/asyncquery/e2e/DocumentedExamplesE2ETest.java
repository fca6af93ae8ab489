package org.apache.kylin.asyncquery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every request shown in ../shared/api-docs/ (the Kylin API in English, the KAP v2 API in Chinese), sent exactly
 * as written there to a real standalone server, answers as the documents show.
 */
class DocumentedExamplesE2ETest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Map.of());

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    /** The documents' header: Basic base64("ADMIN:KYLIN"). */
    private static final String DOC_AUTH = "Basic QURNSU46S1lMSU4=";
    private static final String V2 = "application/vnd.apache.kylin-v2+json";

    @Test
    void kylinRequestSampleIsAcceptedAndRunsToSuccess() {
        String body = """
                {
                   "sql":"select * from p_lineorder",
                   "offset":0,
                   "limit":50000,
                   "acceptPartial":false,
                   "project":"ssb"
                }""";
        ApiClient.Response response = SERVER.anonymous().post("/async_query", body,
                "Authorization", DOC_AUTH, "Content-Type", "application/json");

        assertThat(response.status()).isEqualTo(200);
        JsonNode json = response.json();
        assertThat(json.path("code").asText()).isEqualTo("000");
        assertThat(json.path("msg").asText()).isEmpty();
        assertThat(json.path("data").path("status").asText()).isEqualTo("RUNNING");
        assertThat(json.path("data").path("info").asText()).isEqualTo("still running");
        String id = json.path("data").path("queryID").asText();
        assertThat(id).matches(UUID);

        JsonNode done = SERVER.admin().awaitDone(id);
        assertThat(done.path("status").asText()).isEqualTo("SUCCESSFUL");
        assertThat(done.path("info").asText()).isEqualTo("await fetching results");
    }

    @Test
    void kylinCurlExamplesSubmitPollDownloadAndCleanUp() {
        ApiClient.Response submitted = SERVER.anonymous().post("/async_query",
                "{ \"sql\":\"select * from p_lineorder limit 100\", \"project\":\"ssb\" }",
                "Authorization", DOC_AUTH, "Content-Type", "application/json");
        String id = submitted.json().path("data").path("queryID").asText();
        SERVER.admin().awaitDone(id);

        ApiClient.Response status = SERVER.anonymous().get("/async_query/" + id + "/status",
                "Authorization", DOC_AUTH, "Content-Type", "application/json");
        assertThat(documentedFieldsOf(status.json())).isEqualTo(envelope(
                "{\"queryID\":\"" + id + "\",\"status\":\"SUCCESSFUL\",\"info\":\"await fetching results\"}"));

        ApiClient.Response result = SERVER.anonymous().get("/async_query/" + id + "/result",
                "Authorization", DOC_AUTH, "Content-Type", "application/json");
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.header("Content-Disposition")).isEqualTo("attachment; filename=\"result.csv\"");
        assertThat(result.text().split("\r\n")).hasSize(100);

        ApiClient.Response cleaned = SERVER.anonymous().delete("/async_query",
                "Authorization", DOC_AUTH, "Content-Type", "application/json");
        assertThat(cleaned.json()).isEqualTo(envelope("true"));
        assertThat(SERVER.anonymous().get("/async_query/" + id + "/status", "Authorization", DOC_AUTH)
                .json().path("data").path("status").asText()).isEqualTo("MISSING");
    }

    @Test
    void kylinFailureSampleReportsAMissingProject() {
        ApiClient.Response submitted = SERVER.anonymous().post("/async_query", "{\"sql\":\"select 1\",\"project\":\"XXX\"}",
                "Authorization", DOC_AUTH, "Content-Type", "application/json");
        JsonNode data = submitted.json().path("data");
        assertThat(data.path("status").asText()).isEqualTo("FAILED");
        assertThat(data.path("info").asText()).isEqualTo("Project 'XXX' does not exist;");

        String id = data.path("queryID").asText();
        ApiClient.Response status = SERVER.anonymous().get("/async_query/" + id + "/status",
                "Authorization", DOC_AUTH, "Content-Type", "application/json");
        assertThat(status.json()).isEqualTo(envelope("{\"queryID\":\"" + id
                + "\",\"status\":\"FAILED\",\"info\":\"Project 'XXX' does not exist;\"}"));
    }

    @Test
    void kapSubmitSampleWithArrayBodyRunsTheTpchQuery() {
        String body = """
                [
                   {
                      "sql":"select count(*),L_RECEIPTDELAYED,L_RETURNFLAG,L_SUPPKEY,L_RECEIPTDATE,L_SHIPYEAR,L_SHIPINSTRUCT,L_QUANTITY,L_SHIPDELAYED,L_ORDERKEY,L_SHIPMODE,L_DISCOUNT,L_SHIPDATE,L_LINESTATUS,L_PARTKEY,V_ORDERS.O_SHIPPRIORITY,V_ORDERS.O_ORDERDATE,V_ORDERS.O_ORDERPRIORITY,V_ORDERS.O_CUSTKEY,PART.P_SIZE,PART.P_CONTAINER,PART.P_TYPE,PART.P_BRAND ,CUSTOMER.C_ADDRESS ,C_PHONE from v_lineitem inner join V_ORDERS on L_ORDERKEY = O_ORDERKEY  inner join PART on L_PARTKEY = P_PARTKEY inner join CUSTOMER on O_CUSTKEY = C_CUSTKEY group by L_RECEIPTDELAYED,L_RETURNFLAG,L_SUPPKEY,L_RECEIPTDATE,L_SHIPYEAR,L_SHIPINSTRUCT,L_QUANTITY,L_SHIPDELAYED,L_ORDERKEY,L_SHIPMODE,L_DISCOUNT,L_SHIPDATE,L_LINESTATUS,L_PARTKEY,V_ORDERS.O_SHIPPRIORITY,V_ORDERS.O_ORDERDATE,V_ORDERS.O_ORDERPRIORITY,V_ORDERS.O_CUSTKEY,PART.P_SIZE,PART.P_CONTAINER,PART.P_TYPE,PART.P_BRAND, C_ADDRESS,C_PHONE",
                      "separator":",",
                      "project":"tpch_kap_24"
                   }
                ]""";
        ApiClient.Response submitted = SERVER.anonymous().post("/async_query", body,
                "Authorization", DOC_AUTH, "Content-Type", V2, "Accept", V2);
        assertThat(submitted.status()).isEqualTo(200);
        assertThat(submitted.header("Content-Type")).startsWith(V2);
        JsonNode data = submitted.json().path("data");
        assertThat(data.path("status").asText()).isEqualTo("RUNNING");
        assertThat(data.path("info").asText()).isEqualTo("still running");
        String id = data.path("queryID").asText();
        assertThat(SERVER.admin().awaitDone(id).path("status").asText()).isEqualTo("SUCCESSFUL");

        JsonNode metadata = kapGet(id, "metadata").json().path("data");
        assertThat(metadata.get(0)).hasSize(25);
        assertThat(metadata.get(0).get(1).asText()).isEqualTo("L_RECEIPTDELAYED");
        assertThat(metadata.get(1)).hasSize(25);
        assertThat(metadata.get(1).get(0).asText()).isEqualTo("BIGINT");

        ApiClient.Response download = kapGet(id, "result_download");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.text()).isNotEmpty();
        long size = kapGet(id, "filestatus").json().path("data").asLong();
        assertThat(size).isEqualTo(download.bytes().length);
    }

    @Test
    void kapStatusMetadataSizeAndPathSamples() {
        String id = SERVER.admin().runToSuccess("""
                {"sql":"select LSTG_FORMAT_NAME, SLR_SEGMENT_CD, sum(PRICE) as GMV, count(*) as TRANS_CNT from KYLIN_SALES group by LSTG_FORMAT_NAME, SLR_SEGMENT_CD",
                 "project":"learn_kylin"}""");

        assertThat(documentedFieldsOf(kapGet(id, "status").json())).isEqualTo(envelope(
                "{\"queryID\":\"" + id + "\",\"status\":\"SUCCESSFUL\",\"info\":\"await fetching results\"}"));

        assertThat(kapGet(id, "metadata").json()).isEqualTo(envelope("""
                [["LSTG_FORMAT_NAME","SLR_SEGMENT_CD","GMV","TRANS_CNT"],
                 ["VARCHAR","SMALLINT","DECIMAL","BIGINT"]]"""));

        ApiClient.Response size = kapGet(id, "filestatus");
        assertThat(size.json().path("code").asText()).isEqualTo("000");
        assertThat(size.json().path("data").isIntegralNumber()).isTrue();
        byte[] file = kapGet(id, "result_download").bytes();
        assertThat(size.json().path("data").asLong()).isEqualTo(file.length).isPositive();

        String path = kapGet(id, "result_path").json().path("data").asText();
        assertThat(path).isEqualTo("file:" + SERVER.workingDir() + "/async_query_result/" + id);
    }

    @Test
    void kapDeleteAllSample() {
        String id = SERVER.admin().runToSuccess("{\"sql\":\"select 1\"}");
        ApiClient.Response response = SERVER.anonymous().delete("/async_query", "Authorization", DOC_AUTH, "Content-Type", V2);
        assertThat(response.json()).isEqualTo(envelope("true"));
        assertThat(SERVER.admin().status(id)).isEqualTo("MISSING");
    }

    private static ApiClient.Response kapGet(String id, String endpoint) {
        return SERVER.anonymous().get("/async_query/" + id + "/" + endpoint, "Authorization", DOC_AUTH, "Content-Type", V2);
    }

    /**
     * The answer with only the fields the documents show. A SUCCESSFUL status also carries the result's size, an
     * addition Kylin clients ignore; this checks it is the only one.
     */
    private static JsonNode documentedFieldsOf(JsonNode answer) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = answer.deepCopy();
        com.fasterxml.jackson.databind.node.ObjectNode data = (com.fasterxml.jackson.databind.node.ObjectNode) copy.get("data");
        assertThat(data.get("result_rows").isIntegralNumber()).isTrue();
        assertThat(data.get("result_bytes").isIntegralNumber()).isTrue();
        data.remove(java.util.List.of("result_rows", "result_bytes"));
        return copy;
    }

    private static JsonNode envelope(String dataJson) {
        try {
            return ApiClient.JSON.readTree(("{\"code\":\"000\",\"data\":" + dataJson + ",\"msg\":\"\"}")
                    .getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
