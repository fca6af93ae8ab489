package org.apache.kylin.rest.asyncquery.security;

import java.util.Locale;

import org.apache.kylin.rest.asyncquery.vocabulary.CancellationToken;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.parser.ParserInterface;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.GlobalLimit;
import org.apache.spark.sql.catalyst.plans.logical.LocalLimit;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Offset;
import org.apache.spark.sql.catalyst.plans.logical.ParsedStatement;
import org.apache.spark.sql.catalyst.plans.logical.ScriptTransformation;
import org.apache.spark.sql.catalyst.plans.logical.UnresolvedWith;
import org.apache.spark.sql.execution.SparkSqlParser;

/**
 * The read-only decision made with Spark SQL's own parser, for an engine that runs Spark SQL (the standalone
 * server's Spark engine). Spark runs a command as soon as it is planned ({@code SET}, {@code ADD JAR},
 * {@code CACHE TABLE}, {@code CREATE TEMPORARY VIEW} change the session at {@code spark.sql(...)}), so everything
 * that is not a query must be refused before the engine sees it: any command or parsed statement anywhere in the
 * plan, {@code INSERT OVERWRITE DIRECTORY} (it writes files) and {@code SELECT TRANSFORM} (it runs a program on
 * the server). Accepted: SELECT, WITH, VALUES, TABLE, set operations of them, with ORDER BY, LIMIT and OFFSET.
 */
public final class SparkSqlGrammar implements SqlGrammar {
    // Stateless: it reads the active session's SQLConf (or the defaults) on each parse.
    private final ParserInterface parser = new SparkSqlParser();

    @Override
    public String name() {
        return "Spark SQL";
    }

    @Override
    public SqlVerdict classify(String sql, CancellationToken cancellation) {
        SqlTokens tokens = SqlTokens.of(sql, false);
        String statement = tokens.withoutTrailingSemicolons();
        if (tokens.statementCount() == 0) {
            return SqlVerdict.refused(Refusals.noStatement());
        }
        if (tokens.statementCount() > 1) {
            return SqlVerdict.refused(Refusals.severalStatements(tokens.statementCount()));
        }
        LogicalPlan plan;
        try {
            plan = parser.parsePlan(statement);
        } catch (ParseException e) {
            return SqlVerdict.refused(Refusals.unreadable(tokens, withoutErrorClass(e.getMessage())));
        } catch (StackOverflowError e) {
            return SqlVerdict.refused(Refusals.tooDeep());
        } catch (RuntimeException e) {
            // Spark refuses some statements while it parses them ("Operation not allowed"): not a query either.
            return SqlVerdict.refused(Refusals.unreadable(tokens, withoutErrorClass(e.getMessage())));
        }
        String refusal = refusal(plan);
        if (refusal != null) {
            return SqlVerdict.refused(refusal);
        }
        LogicalPlan top = unwrapWith(plan);
        boolean ownLimit = top instanceof GlobalLimit || top instanceof LocalLimit;
        boolean ownOffset = top instanceof Offset || ownLimit && offsetUnderLimit(top);
        // No place to insert text: the engine applies a request's offset to the plan itself.
        return SqlVerdict.query(statement, ownLimit, ownOffset, -1);
    }

    /** Why a parsed plan is not a read-only query, or null when it is one. */
    public static String refusal(LogicalPlan plan) {
        if (plan instanceof Command || plan instanceof ParsedStatement) {
            return Refusals.notAQuery(words(plan.nodeName()));
        }
        for (LogicalPlan node : scala.collection.JavaConverters.seqAsJavaList(plan.collectWithSubqueries(
                new scala.runtime.AbstractPartialFunction<LogicalPlan, LogicalPlan>() {
                    @Override
                    public boolean isDefinedAt(LogicalPlan node) {
                        return true;
                    }

                    @Override
                    public LogicalPlan apply(LogicalPlan node) {
                        return node;
                    }
                }))) {
            if (node instanceof ScriptTransformation) {
                return "SELECT TRANSFORM runs a program on the server; only read-only queries may run.";
            }
            String name = node.getClass().getSimpleName();
            if (node instanceof Command || node instanceof ParsedStatement || name.startsWith("InsertInto")) {
                return Refusals.notAQuery(words(node.nodeName()));
            }
        }
        return null;
    }

    /** The query under a WITH clause's definitions. */
    public static LogicalPlan unwrapWith(LogicalPlan plan) {
        LogicalPlan top = plan;
        while (top instanceof UnresolvedWith) {
            top = ((UnresolvedWith) top).child();
        }
        return top;
    }

    private static boolean offsetUnderLimit(LogicalPlan limit) {
        LogicalPlan below = limit;
        while (below instanceof GlobalLimit || below instanceof LocalLimit) {
            below = below.children().head();
        }
        return below instanceof Offset;
    }

    /** "[PARSE_SYNTAX_ERROR] Syntax error at ..." without Spark's error class. */
    static String withoutErrorClass(String message) {
        if (message == null) {
            return null;
        }
        String trimmed = message.trim();
        if (trimmed.startsWith("[")) {
            int end = trimmed.indexOf("] ");
            if (end > 0) {
                return trimmed.substring(end + 2);
            }
        }
        return trimmed;
    }

    /** "CreateViewCommand" as "CREATE VIEW". */
    private static String words(String nodeName) {
        String name = nodeName.replaceAll("(Command|Statement)$", "");
        return name.replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(Locale.ROOT);
    }
}
