package org.apache.kylin.asyncquery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Queries that fail on their own data or SQL, over real HTTP on a server with one query thread: each ends FAILED
 * with a reason a person understands and no Java class name, is logged in one line without a stack trace, and
 * leaves the one worker thread alive for the next query. A defect inside the engine is logged with its stack trace
 * and still keeps the thread.
 */
class EngineErrorsE2ETest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Map.of("kylin.query.async.threads", "1"));

    private static final String QUERY_JOB_LOGGER = "org.apache.kylin.rest.asyncquery.service.QueryJob";
    /** A Java class name: a dotted package then a capitalised class, or a bare ...Exception / ...Error. */
    private static final Pattern CLASS_NAME = Pattern.compile(
            "\\b(?:[a-z_][a-z0-9_]*\\.)+[A-Z]\\w*|\\b\\w*(?:Exception|Error)\\b");

    private ListAppender<ILoggingEvent> log;

    @BeforeEach
    void captureTheJobLog() {
        log = new ListAppender<>();
        log.start();
        ((Logger) LoggerFactory.getLogger(QUERY_JOB_LOGGER)).addAppender(log);
    }

    @AfterEach
    void releaseTheJobLog() {
        ((Logger) LoggerFactory.getLogger(QUERY_JOB_LOGGER)).detachAppender(log);
    }

    /** Each SQL, and what its reason must say. */
    private static Map<String, String> usersErrors() {
        Map<String, String> cases = new LinkedHashMap<>();
        // Division by zero, in constants (Calcite evaluates them in a class initializer) and in rows.
        cases.put("select 1/0", "Division by zero.");
        cases.put("select TRANS_ID / 0 from TEST_KYLIN_FACT", "Division by zero.");
        cases.put("select mod(SELLER_ID, 0) from TEST_KYLIN_FACT", "Division by zero.");
        cases.put("select PRICE / 0.0 from TEST_KYLIN_FACT", "Division by zero.");
        // Casts a value cannot take, and overflow.
        cases.put("select cast('x' as integer)", "Not a number: \"x\".");
        cases.put("select cast(CASE_NAME as integer) from TYPE_SAMPLE", "Not a number: ");
        cases.put("select cast(x as integer) from (values ('99999999999')) as t (x)", "Not a number: \"99999999999\".");
        cases.put("select cast(x as smallint) from (values (100000)) as t (x)", "out of range");
        cases.put("select cast(1e40 as integer)", "out of range");
        cases.put("select cast(x as boolean) from (values ('maybe')) as t (x)", "Invalid character for cast: maybe");
        // Dates that do not exist.
        cases.put("select cast('2020-02-30' as date)", "Value of DAY field is out of range in '2020-02-30'");
        cases.put("select cast('abc' as date)", "Invalid DATE value, 'abc'");
        cases.put("select cast(x as date) from (values ('2020-13-01')) as t (x)", "out of range in '2020-13-01'");
        // Patterns and strings.
        cases.put("select 'a' similar to '('", "Invalid regular expression '(': Unclosed group near index 1.");
        cases.put("select CASE_NAME from TYPE_SAMPLE where CASE_NAME similar to '[a-'",
                "Invalid regular expression '[a-'");
        cases.put("select 'abc' like 'a\\' escape '\\'", "Invalid escape sequence");
        cases.put("select substring(CASE_NAME from 1 for -2) from TYPE_SAMPLE", "negative substring length");
        // Names the validator does not know.
        cases.put("select * from NO_SUCH_TABLE", "Object 'NO_SUCH_TABLE' not found");
        cases.put("select NO_SUCH_COLUMN from TEST_KYLIN_FACT", "Column 'NO_SUCH_COLUMN' not found");
        cases.put("select no_such_function(1)", "No match found for function signature NO_SUCH_FUNCTION");
        return cases;
    }

    @Test
    void aQuerysOwnErrorIsAReadableFailureLoggedInOneLineAndTheWorkerThreadLivesOn() {
        ApiClient analyst = SERVER.analyst();
        List<String> ids = new ArrayList<>();
        for (Map.Entry<String, String> error : usersErrors().entrySet()) {
            String id = analyst.submit(body(error.getKey()));
            JsonNode done = analyst.awaitDone(id);
            assertThat(done.path("status").asText()).as(error.getKey()).isEqualTo("FAILED");
            String info = done.path("info").asText();
            assertThat(info).as(error.getKey()).contains(error.getValue());
            assertThat(CLASS_NAME.matcher(info).find()).as(error.getKey() + ": " + info).isFalse();
            assertThat(analyst.get("/async_query/" + id + "/result").status()).as(error.getKey()).isEqualTo(409);
            ids.add(id);
        }
        assertThat(analyst.runToSuccess(body("select count(*) from TEST_KYLIN_FACT"))).isNotBlank();

        List<ILoggingEvent> lines = eventsOf(ids);
        assertThat(lines).hasSize(ids.size()).allSatisfy(line -> {
            assertThat(line.getLevel()).isEqualTo(Level.INFO);
            assertThat(line.getThrowableProxy()).isNull();
            assertThat(line.getFormattedMessage()).doesNotContain("\n").doesNotContain("\r");
        });
        // One query thread: had any failure ended it, the pool's replacement (another name) would log the rest.
        assertThat(lines.stream().map(ILoggingEvent::getThreadName).collect(Collectors.toSet())).hasSize(1);
    }

    @Test
    void aDefectInsideTheEngineIsLoggedWithItsStackTraceAndTheWorkerThreadLivesOn() {
        ApiClient analyst = SERVER.analyst();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            // Calcite's OVERLAY indexes out of bounds for a position of 0: its own bug, whatever the query meant.
            String id = analyst.submit(body("select overlay('abc' placing 'x' from 0)"));
            ids.add(id);
            JsonNode done = analyst.awaitDone(id);
            assertThat(done.path("status").asText()).isEqualTo("FAILED");
            assertThat(done.path("info").asText()).isEqualTo("The engine failed on this query because of an "
                    + "internal error; the server log has the details.");
        }
        String good = analyst.runToSuccess(body("select 1/1"));
        assertThat(analyst.get("/async_query/" + good + "/result").text()).isEqualTo("1\r\n");

        assertThat(eventsOf(ids)).hasSize(ids.size()).allSatisfy(line -> {
            assertThat(line.getLevel()).isEqualTo(Level.WARN);
            assertThat(line.getThrowableProxy()).isNotNull();
        });
        Set<String> threads = log.list.stream().map(ILoggingEvent::getThreadName).collect(Collectors.toSet());
        assertThat(threads).hasSize(1);
        assertThat(log.list).noneMatch(line -> line.getLevel() == Level.ERROR);
    }

    private List<ILoggingEvent> eventsOf(List<String> ids) {
        return log.list.stream().filter(line -> ids.stream().anyMatch(line.getFormattedMessage()::contains))
                .collect(Collectors.toList());
    }

    private static String body(String sql) {
        return ApiClient.JSON.createObjectNode().put("sql", sql).put("project", "DEFAULT").toString();
    }
}
