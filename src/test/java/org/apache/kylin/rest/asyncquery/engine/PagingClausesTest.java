package org.apache.kylin.rest.asyncquery.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PagingClausesTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "select * from t                                   | false | false",
        "select * from t limit 10                          | true  | false",
        "select * from t limit 10 offset 5                 | true  | true",
        "select * from t offset 5 rows                     | false | true",
        "select * from t fetch first 3 rows only           | true  | false",
        "select * from (select * from t limit 3) x         | false | false",
        "select 'limit 5' as s from t                      | false | false",
        "select * from t -- limit 5                        | false | false",
        "with w as (select * from t limit 2) select * from w | false | false",
        "(select * from t limit 4)                         | true  | false",
        "select * from t union all select * from u limit 7 | true  | false",
        "this is not sql limit 3                           | false | false",
    })
    void findsOnlyTheTopLevelClauses(String sql, boolean limit, boolean offset) {
        PagingClauses clauses = PagingClauses.of(sql);
        assertThat(clauses.hasLimit()).as("limit").isEqualTo(limit);
        assertThat(clauses.hasOffset()).as("offset").isEqualTo(offset);
    }
}
