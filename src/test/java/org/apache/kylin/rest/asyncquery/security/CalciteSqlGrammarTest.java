package org.apache.kylin.rest.asyncquery.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.apache.kylin.rest.asyncquery.vocabulary.CancellationToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The read-only decision with Calcite's own parser (the embedded 1.37 here; {@link CalciteSqlGrammarOn116Test}
 * runs the same class on Kylin 4's 1.16): every query Calcite and Kylin run is accepted, everything else refused.
 */
class CalciteSqlGrammarTest {
    private final SqlGrammar calcite = CalciteSqlGrammar.calciteJdbcDefaults();
    private final SqlGrammar kylin = CalciteSqlGrammar.kylin(key -> null);

    /** Calcite and Kylin syntax that JSqlParser could not read, and the usual queries. */
    @ParameterizedTest
    @ValueSource(strings = {
        "select FLOOR(PART_DT TO MONTH) as M, CEIL(PART_DT TO YEAR) as Y from KYLIN_SALES",
        "select FLOOR(CAST(PART_DT AS TIMESTAMP) TO HOUR), CEIL(PRICE) from KYLIN_SALES",
        "select TIMESTAMPADD(DAY, 1, PART_DT), TIMESTAMPDIFF(MONTH, PART_DT, CURRENT_DATE) from KYLIN_SALES",
        "select EXTRACT(YEAR FROM PART_DT), EXTRACT(DOW FROM PART_DT), QUARTER(PART_DT) from KYLIN_SALES",
        "select PART_DT + INTERVAL '1' DAY, INTERVAL '2-3' YEAR TO MONTH, INTERVAL '1 02:03' DAY TO MINUTE from t",
        "select cast(x as varchar(10)), cast(x as char(2)), cast(x as decimal(19,4)), cast(x as double), "
                + "cast(x as real), cast(x as float), cast(x as bigint), cast(x as tinyint), cast(x as smallint), "
                + "cast(x as integer), cast(x as boolean), cast(x as date), cast(x as time), cast(x as timestamp), "
                + "cast(x as varbinary), cast(x as binary(2)), cast(x as numeric(5)), cast(x as time(3)) from t",
        "select a, b, sum(c) from t group by grouping sets ((a, b), (a), ())",
        "select a, b, sum(c), grouping(a) from t group by rollup(a, b)",
        "select a, b, sum(c) from t group by cube(a, b) having count(*) > 1",
        "select sum(x) over (partition by a order by b rows between 2 preceding and current row) from t",
        "select avg(x) over (order by d range between interval '7' day preceding and current row), "
                + "rank() over w, row_number() over w from t window w as (order by d)",
        "select * from t order by a offset 3 rows fetch first 7 rows only",
        "select * from t order by a fetch next 1 row only",
        "select * from t limit 10 offset 5",
        "select \"we!rd col\", \"a\"\"b\", \"中文 列\" from \"odd table.name\" as \"t (1)\"",
        "select /*+ index(t) */ a from t -- a comment\n/* and another */",
        "// a Calcite comment\nselect 1",
        "values (1, 'a'), (2, 'b')",
        "select 1 union select 2 intersect select 3 except select 4",
        "(select a from t) union all (select a from u) order by 1 limit 3",
        "select a from t except all select a from u",
        "with w as (select 1 as x), v as (select x from w) select x from v order by x limit 1",
        "explain plan for select * from t",
        "table t",
        "select * from t where a <> 1 and b in (select b from u) and exists (select 1 from v where v.c = t.c)",
        "select case when a > 1 then 'x' else 'y' end, coalesce(a, 0), nullif(a, 1), a || 'z' from t",
        "select substring(s from 2 for 3), trim(both ' ' from s), position('a' in s), upper(s), char_length(s) from t",
        "select {fn CONVERT(a, SQL_VARCHAR)}, {fn YEAR(d)} from t",
        "select * from t as x(a, b) natural join u cross join v left join w using (a)",
        "select count(distinct a), stddev_samp(b), approx_count_distinct(c) from t",
        "select 'drop table x; delete from y' as s, \"DELETE\" from t -- ; drop table t",
        "select * from p_lineorder limit 100;",
        "select '你好' as greeting;;",
    })
    void everyQueryTheEngineRunsIsAccepted(String sql) {
        assertThat(calcite.classify(sql, new CancellationToken()).isAccepted()).as(sql).isTrue();
        assertThat(kylin.classify(sql, new CancellationToken()).isAccepted()).as(sql).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "insert into t values (1)                     | this is an INSERT statement.",
        "insert into t select * from u                | this is an INSERT statement.",
        "update t set a = 1                           | this is an UPDATE statement.",
        "delete from t                                | this is a DELETE statement.",
        "merge into t using u on t.a = u.a when matched then update set b = 1 | this is a MERGE statement.",
        "drop table KYLIN_SALES                       | this is a DROP TABLE statement.",
        "create table x (a int)                       | this is a CREATE TABLE statement.",
        "truncate table t                             | this is a TRUNCATE statement.",
        "grant select on t to u                       | this is a GRANT statement.",
        "describe table t                             | this is a DESCRIBE TABLE statement.",
        "explain plan for insert into t values (1)    | this is an EXPLAIN of INSERT statement.",
        "select 1; select 2                           | The SQL holds 2 statements; send exactly one query.",
        "select 1; drop table t;                      | The SQL holds 2 statements; send exactly one query.",
        "select * into newtable from t                | SELECT ... INTO writes a table",
        "select * from t for update                   | SELECT ... FOR UPDATE locks rows",
        "this is not sql                              | The SQL could not be read as a query: ",
        "select from where                            | The SQL could not be read as a query: ",
        "select `a` from t                            | The SQL could not be read as a query: ",
        "select x from t where a = 'open              | The SQL could not be read as a query: ",
        "''                                           | The SQL holds no statement.",
        "; -- nothing                                 | The SQL holds no statement.",
    })
    void everythingElseIsRefusedWithAReason(String sql, String reason) {
        SqlVerdict verdict = calcite.classify(sql, new CancellationToken());
        assertThat(verdict.isAccepted()).as(sql).isFalse();
        assertThat(verdict.reason()).contains(reason).doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void deepButReasonableNestingIsAcceptedAndFarTooDeepIsRefusedPlainly() {
        assertThat(calcite.classify("select " + "(".repeat(30) + "1" + ")".repeat(30), new CancellationToken())
                .isAccepted()).isTrue();
        assertThat(calcite.classify("select " + "cast(".repeat(30) + "1" + " as int)".repeat(30),
                new CancellationToken()).isAccepted()).isTrue();
        assertThat(calcite.classify("select * from " + "(select * from ".repeat(30) + "t" + ")".repeat(30),
                new CancellationToken()).isAccepted()).isTrue();
        SqlVerdict tooDeep = calcite.classify("select " + "(".repeat(20_000) + "1" + ")".repeat(20_000),
                new CancellationToken());
        assertThat(tooDeep.reason()).isEqualTo("The SQL is nested too deeply to be read.");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // sql | own limit | own offset | text after the insertion point ('-' for none)
        "select * from t                                        | false | false | -",
        "select * from t limit 10                               | true  | false | ''",
        "select * from t limit 10;                              | true  | false | ''",
        "select * from t order by a fetch first 7 rows only     | true  | false | fetch first 7 rows only",
        "select * from t offset 3 rows fetch first 7 rows only  | true  | true  | -",
        "select * from t offset 3 rows                          | false | true  | -",
        "select * from (select * from t limit 3) as s           | false | false | -",
        "select 'limit 5' as s from t -- limit 5                | false | false | -",
        "with w as (select * from t limit 2) select * from w    | false | false | -",
        "with w as (select 1 as x) select x from w limit 4      | true  | false | ''",
        "(select * from t limit 4)                              | true  | false | )",
        "(select a from t) union all (select a from u) limit 7  | true  | false | ''",
        "explain plan for select * from t limit 5               | false | false | -",
    })
    void findsTheOutermostQuerysPagingInTheSameParse(String sql, boolean limit, boolean offset, String after) {
        SqlVerdict verdict = calcite.classify(sql, new CancellationToken());
        assertThat(verdict.ownLimit()).as("limit").isEqualTo(limit);
        assertThat(verdict.ownOffset()).as("offset").isEqualTo(offset);
        if ("-".equals(after)) {
            assertThat(verdict.offsetInsertionPoint()).isEqualTo(-1);
        } else {
            assertThat(verdict.statement().substring(verdict.offsetInsertionPoint())).isEqualTo(after);
        }
    }

    @Test
    void kylinsParserSettingsComeFromItsCalciteConnectionProperties() {
        SqlVerdict limitStartCount = kylin.classify("select * from t limit 5, 10", new CancellationToken());
        assertThat(limitStartCount.ownLimit()).isTrue();
        assertThat(limitStartCount.ownOffset()).isTrue();

        Map<String, String> backTicks = Map.of("kylin.query.calcite.extras-props.quoting", "BACK_TICK");
        SqlGrammar mysqlStyle = CalciteSqlGrammar.kylin(backTicks::get);
        assertThat(mysqlStyle.classify("select `a b` from t", new CancellationToken()).isAccepted()).isTrue();
        assertThat(mysqlStyle.name()).contains("BACK_TICK");

        assertThatThrownBy(() -> CalciteSqlGrammar.kylin(Map.of(
                "kylin.query.calcite.extras-props.conformance", "SLOPPY")::get))
                .hasMessageContaining("conformance=SLOPPY");
    }

    @Test
    void aCancelledParseEndsAtItsNextReadInsteadOfRunningOn() {
        CancellationToken cancelled = new CancellationToken();
        cancelled.cancel();
        StringBuilder sql = new StringBuilder("select 1");
        for (int i = 0; i < 20_000; i++) {
            sql.append(" + 1");
        }
        SqlVerdict verdict = calcite.classify(sql.toString(), cancelled);
        assertThat(verdict.isAccepted()).isFalse();
    }
}
