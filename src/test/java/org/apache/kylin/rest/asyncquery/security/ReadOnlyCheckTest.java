package org.apache.kylin.rest.asyncquery.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kylin.asyncquery.testing.Eventually;
import org.apache.kylin.rest.asyncquery.vocabulary.CancellationToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bounds around whatever grammar runs: a deadline per parse, and a fixed number of parses at once. Grammars
 * here are FAKE: they block until the test lets them go, standing in for a parse that takes too long. The deadline
 * is short; nothing here measures time.
 */
class ReadOnlyCheckTest {
    private static final long SHORT_DEADLINE_MILLIS = 200;
    private final CountDownLatch release = new CountDownLatch(1);
    private ReadOnlyCheck check;

    @AfterEach
    void tearDown() {
        release.countDown();
        if (check != null) {
            check.close();
        }
    }

    @Test
    void aQuickParseAnswersWithTheGrammarsVerdict() {
        check = new ReadOnlyCheck(CalciteSqlGrammar.calciteJdbcDefaults(), 2, 60_000);
        check.warmUp();
        assertThat(check.check("select 1;", "ANALYST").statement()).isEqualTo("select 1");
        assertThat(check.check("delete from t", "ANALYST").reason()).contains("DELETE");
        assertThat(check.grammarName()).startsWith("Calcite's SQL parser");
    }

    @Test
    void aParsePastItsDeadlineIsRefusedAndToldToStop() throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        check = new ReadOnlyCheck(new FakeGrammar() {
            @Override
            public SqlVerdict classify(String sql, CancellationToken cancellation) {
                cancellation.onCancel(stopped::countDown);
                await(release);
                return SqlVerdict.query(sql, false, false, -1);
            }
        }, 1, SHORT_DEADLINE_MILLIS);
        SqlVerdict verdict = check.check("select ((((1))))", "ANALYST");
        assertThat(verdict.isAccepted()).isFalse();
        assertThat(verdict.reason()).isEqualTo("Reading the SQL took longer than 200 ms, so it was refused; "
                + "simplify it (fewer nested parentheses or expressions), or split it.");
        assertThat(stopped.await(60, TimeUnit.SECONDS)).isTrue();
    }

    /**
     * A parse that cannot be stopped keeps its thread until it ends: a flood of such SQL occupies the parse threads
     * and nothing more, one per user, and later submits are refused as busy instead of starting more parses.
     */
    @Test
    void anAbandonedParseHoldsItsThreadSoParsesStayBoundedOnePerUser() throws Exception {
        CountDownLatch running = new CountDownLatch(2);
        check = new ReadOnlyCheck(new FakeGrammar() {
            @Override
            public SqlVerdict classify(String sql, CancellationToken cancellation) {
                if (sql.startsWith("stuck")) {
                    running.countDown();
                    await(release);
                }
                return SqlVerdict.query(sql, false, false, -1);
            }
        }, 2, SHORT_DEADLINE_MILLIS);
        assertThat(check.check("stuck 1", "ANALYST").isAccepted()).isFalse();
        assertThatThrownBy(() -> check.check("select 1", "ANALYST")).isInstanceOf(SqlCheckBusyException.class)
                .hasMessage("Your previous SQL is still being read; try again in a moment.");
        assertThat(check.check("select 1", "MODELER").isAccepted()).isTrue();

        assertThat(check.check("stuck 2", "MODELER").isAccepted()).isFalse();
        assertThat(running.await(60, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> check.check("select 1", "ADMIN")).isInstanceOf(SqlCheckBusyException.class)
                .hasMessageContaining("too many SQL statements at once");

        release.countDown();
        assertThat(eventuallyAccepted("select 1", "ADMIN")).isTrue();
        assertThat(eventuallyAccepted("select 1", "ANALYST")).isTrue();
    }

    @Test
    void aGrammarThatFailsRefusesTheSqlWithoutItsInnards() {
        check = new ReadOnlyCheck(new FakeGrammar() {
            @Override
            public SqlVerdict classify(String sql, CancellationToken cancellation) {
                throw new IllegalStateException("parser bug");
            }
        }, 1, 60_000);
        assertThat(check.check("select 1", "ANALYST").reason()).isEqualTo("The SQL could not be read as a query.");
    }

    /** After a busy refusal the thread frees when the stuck parse ends; retry (while busy) until it has. */
    private boolean eventuallyAccepted(String sql, String user) {
        SqlVerdict verdict = Eventually.await("a parse thread for " + user + " to free", () -> {
            try {
                return check.check(sql, user);
            } catch (SqlCheckBusyException busy) {
                return null;
            }
        }, answer -> answer != null);
        return verdict.isAccepted();
    }

    /** Like a parser that cannot be stopped, ignores interrupts and runs on until released. */
    private static void await(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await(60, TimeUnit.SECONDS);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** FAKE grammar: the test supplies its behaviour. */
    private abstract static class FakeGrammar implements SqlGrammar {
        @Override
        public String name() {
            return "a FAKE grammar";
        }
    }

}
