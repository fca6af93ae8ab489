package org.apache.kylin.rest.asyncquery.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kylin.rest.asyncquery.vocabulary.CancellationToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The read-only decision for a plain JDBC source, which has no grammar of its own here: JSqlParser. */
class JSqlParserGrammarTest {
    private final SqlGrammar grammar = new JSqlParserGrammar();

    @ParameterizedTest
    @ValueSource(strings = {
        "select 1",
        "select * from p_lineorder limit 100;",
        "SELECT LSTG_FORMAT_NAME, sum(PRICE) as GMV from KYLIN_SALES group by LSTG_FORMAT_NAME",
        "with t as (select 1 as x) select x from t",
        "values (1), (2)",
        "(select 1) union all (select 2)",
        "select 'drop table x; delete from y' as s",
        "select \"DELETE\" from t -- ; drop table t",
        "select x from (values (1),(2)) as t(x) offset 8 rows fetch first 1 rows only",
        "select '你好' as greeting",
    })
    void singleReadOnlyQueriesPass(String sql) {
        assertThat(grammar.classify(sql, new CancellationToken()).isAccepted()).as(sql).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "insert into t values (1)                  | an INSERT statement",
        "update t set a = 1                        | an UPDATE statement",
        "delete from t                             | a DELETE statement",
        "drop table KYLIN_SALES                    | a DROP statement",
        "create table x (a int)                    | a CREATE TABLE statement",
        "truncate table t                          | a TRUNCATE statement",
        "select 1; select 2                        | 2 statements",
        "select 1; drop table t                    | 2 statements",
        "select * into newtable from t             | SELECT ... INTO",
        "select * from t for update                | locks rows",
        "this is not sql                           | could not be read",
        "''                                        | holds no statement",
    })
    void everythingElseIsRefusedWithAReason(String sql, String reason) {
        assertThat(grammar.classify(sql, new CancellationToken()).reason()).contains(reason);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "select * from t                                   | false | false",
        "select * from t limit 10                          | true  | false",
        "select * from t limit 10 offset 5                 | true  | true",
        "select * from t offset 5 rows                     | false | true",
        "select * from t fetch first 3 rows only           | true  | false",
        "select * from (select * from t limit 3) x         | false | false",
        "select 'limit 5' as s from t                      | false | false",
        "with w as (select * from t limit 2) select * from w | false | false",
        "(select * from t limit 4)                         | true  | false",
        "select * from t union all select * from u limit 7 | true  | false",
    })
    void findsOnlyTheTopLevelPaging(String sql, boolean limit, boolean offset) {
        SqlVerdict verdict = grammar.classify(sql, new CancellationToken());
        assertThat(verdict.ownLimit()).as("limit").isEqualTo(limit);
        assertThat(verdict.ownOffset()).as("offset").isEqualTo(offset);
    }

    /** JSqlParser's time grows exponentially with nested CASTs; a cancelled parse stops instead of running on. */
    @Test
    void aCancelledParseOfAnExponentialNestingStops() throws Exception {
        String bomb = "select " + "cast(".repeat(40) + "1" + " as int)".repeat(40);
        CancellationToken cancellation = new CancellationToken();
        CompletableFuture<SqlVerdict> parse = CompletableFuture.supplyAsync(() -> grammar.classify(bomb, cancellation));
        cancellation.cancel();
        SqlVerdict verdict = parse.get(60, TimeUnit.SECONDS);
        assertThat(verdict.isAccepted()).isFalse();
    }
}
