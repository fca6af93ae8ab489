package org.apache.kylin.rest.asyncquery.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReadOnlySqlTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "select 1",
        "select * from p_lineorder",
        "select * from p_lineorder limit 100;",
        "SELECT LSTG_FORMAT_NAME, sum(PRICE) as GMV from KYLIN_SALES group by LSTG_FORMAT_NAME",
        "with t as (select 1 as x) select x from t",
        "values (1), (2)",
        "(select 1) union all (select 2)",
        "select 'drop table x; delete from y' as s",
        "select \"DELETE\" from t -- ; drop table t",
        "select cast(null as varchar(10)) as D, 'two\nlines' as E",
        "select count(*),L_RECEIPTDELAYED from v_lineitem inner join V_ORDERS on L_ORDERKEY = O_ORDERKEY "
                + "group by L_RECEIPTDELAYED",
        "select x from (values (1),(2)) as t(x) offset 8 rows fetch first 1 rows only",
        "select '你好' as greeting",
    })
    void singleReadOnlyQueriesPass(String sql) {
        assertThat(ReadOnlySql.refusal(sql)).isEmpty();
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
        "''                                        | could not be read",
    })
    void everythingElseIsRefusedWithAReason(String sql, String reason) {
        assertThat(ReadOnlySql.refusal(sql)).hasValueSatisfying(message -> assertThat(message).contains(reason));
    }
}
