package org.apache.kylin.rest.asyncquery.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.regex.PatternSyntaxException;

import org.junit.jupiter.api.Test;

class SqlErrorMessagesTest {

    @Test
    void prefersTheValidatorsPositionedMessageOverItsWrappers() {
        SQLException wrapped = new SQLException("Error while executing SQL \"select x\": From line 1, column 8 to "
                + "line 1, column 8: Column 'X' not found in any table",
                new RuntimeException("From line 1, column 8 to line 1, column 8: Column 'X' not found in any table",
                        new RuntimeException("Column 'X' not found in any table")));
        assertThat(SqlErrorMessages.describe(wrapped))
                .isEqualTo("From line 1, column 8 to line 1, column 8: Column 'X' not found in any table");
    }

    @Test
    void unwrapsInitializerErrorsAndCacheWrappersToTheRuntimesMessageInWords() {
        assertThat(SqlErrorMessages.describe(new ExceptionInInitializerError(new ArithmeticException("/ by zero"))))
                .isEqualTo("Division by zero.");
        assertThat(SqlErrorMessages.describe(new ArithmeticException("Division undefined")))
                .isEqualTo("Division by zero.");
        assertThat(SqlErrorMessages.describe(new RuntimeException("java.util.regex.PatternSyntaxException: "
                + "Dangling meta character '*' near index 0\n*", new PatternSyntaxException(
                "Dangling meta character '*'", "*", 0))))
                .isEqualTo("Invalid regular expression '*': Dangling meta character '*' near index 0.");
        assertThat(SqlErrorMessages.describe(new NumberFormatException("For input string: \"1x\" under radix 16")))
                .isEqualTo("Not a number: \"1x\".");
        assertThat(SqlErrorMessages.describe(new NumberFormatException()))
                .isEqualTo("A value is not a valid number.");
    }

    @Test
    void neverAnswersAJavaClassName() {
        assertThat(SqlErrorMessages.describe(new IllegalStateException()))
                .isEqualTo("The engine could not run the query and gave no reason.");
        assertThat(SqlErrorMessages.describe(new RuntimeException(
                "org.apache.calcite.runtime.CalciteException: Invalid character for cast: maybe")))
                .isEqualTo("Invalid character for cast: maybe");
        assertThat(SqlErrorMessages.clean("java.lang.RuntimeException: java.io.IOException: disk gone"))
                .isEqualTo("disk gone");
        assertThat(SqlErrorMessages.clean(null)).isEqualTo("The engine could not run the query and gave no reason.");
    }

    @Test
    void boundsALongMessage() {
        assertThat(SqlErrorMessages.clean("x".repeat(10_000))).hasSize(SqlErrorMessages.MAX_LENGTH + 4);
    }
}
