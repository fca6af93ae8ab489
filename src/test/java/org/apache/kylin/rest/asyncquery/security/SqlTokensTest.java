package org.apache.kylin.rest.asyncquery.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlTokensTest {
    @Test
    void literalsIdentifiersAndCommentsAreNeverTokensOfTheirOwn() {
        SqlTokens tokens = SqlTokens.of("select 'a;b''c', \"x;\"\"y\", `z;` -- d;e\n /* f;g */ from t", false);
        assertThat(tokens.all()).extracting(Object::toString).containsExactly("WORD:select", "STRING:'a;b''c'",
                "SYMBOL:,", "QUOTED_IDENTIFIER:\"x;\"\"y\"", "SYMBOL:,", "QUOTED_IDENTIFIER:`z;`", "WORD:from",
                "WORD:t");
        assertThat(tokens.statementCount()).isEqualTo(1);
    }

    @Test
    void calciteCommentsIncludeDoubleSlash() {
        assertThat(SqlTokens.of("select 1 // ; drop table t", true).statementCount()).isEqualTo(1);
        assertThat(SqlTokens.of("select 1 // ; drop table t", false).statementCount()).isEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "select 1;;  ; | select 1",
        "select 1 ; -- the end | select 1",
        "select ';' from t -- no semicolon here; | select ';' from t -- no semicolon here;",
        "select 1 /* ; */ | select 1 /* ; */",
    })
    void trailingSemicolonsAreCut(String sql, String statement) {
        assertThat(SqlTokens.of(sql, true).withoutTrailingSemicolons()).isEqualTo(statement);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "select 1; select 2 | 2",
        "select 1; ; drop table t; | 2",
        "values ('') | 1",
        "  -- nothing | 0",
        "; ; | 0",
    })
    void countsStatements(String sql, int count) {
        assertThat(SqlTokens.of(sql, true).statementCount()).isEqualTo(count);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "select * from t fetch first 7 rows only                     | fetch first 7 rows only",
        "select * from t order by a FETCH NEXT 1 ROW ONLY             | FETCH NEXT 1 ROW ONLY",
        "select * from t fetch first row only                        | fetch first row only",
        "(select * from t fetch /* c */ first 7 rows only) -- x      | fetch /* c */ first 7 rows only) -- x",
        "select * from t limit 7;                                    | ;",
        "((select * from t limit 7))                                 | ))",
        "select * from t limit ?                                     | ''",
    })
    void findsWhereAnOffsetGoes(String sql, String after) {
        int at = SqlTokens.of(sql, true).offsetInsertionPoint();
        assertThat(sql.substring(at)).isEqualTo(after);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "select * from t",
        "select * from t limit all",
        "select 'fetch first 7 rows only' from t",
        "select * from t where x = 'limit 7'",
        "select * from t offset 3 rows",
    })
    void findsNoPlaceWhereThereIsNoTrailingLimit(String sql) {
        assertThat(SqlTokens.of(sql, true).offsetInsertionPoint()).isEqualTo(-1);
    }

    @Test
    void findsTheFirstWordsAndTopLevelWords() {
        SqlTokens tokens = SqlTokens.of("((create table x as select 1 into y from (select 2 into z)))", true);
        assertThat(tokens.firstWord()).isEqualTo("CREATE");
        assertThat(tokens.secondWord()).isEqualTo("TABLE");
        SqlTokens select = SqlTokens.of("select a from (select b into c from d) for update", true);
        assertThat(select.hasTopLevelWord("INTO")).isFalse();
        assertThat(select.hasTopLevelWords("FOR", "UPDATE")).isTrue();
    }
}
