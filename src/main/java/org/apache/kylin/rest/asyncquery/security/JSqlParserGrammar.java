package org.apache.kylin.rest.asyncquery.security;

import java.util.List;
import java.util.Locale;

import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SetOperationList;
import org.apache.kylin.rest.asyncquery.vocabulary.CancellationToken;

/**
 * The read-only decision for an engine with no grammar of its own here (a plain JDBC source): JSqlParser, a
 * grammar of common SQL. Lets through one SELECT, WITH ... SELECT, VALUES or set operation of them; refuses DDL,
 * DML, several statements, SELECT INTO and SELECT FOR UPDATE. JSqlParser backtracks, and some nestings cost it
 * time exponential in their depth; it tries its fast mode first and stops when {@link CancellationToken} fires.
 */
public final class JSqlParserGrammar implements SqlGrammar {

    @Override
    public String name() {
        return "JSqlParser";
    }

    @Override
    public SqlVerdict classify(String sql, CancellationToken cancellation) {
        SqlTokens tokens = SqlTokens.of(sql, false);
        String statement = tokens.withoutTrailingSemicolons();
        if (tokens.statementCount() == 0) {
            return SqlVerdict.refused(Refusals.noStatement());
        }
        List<Statement> statements;
        try {
            statements = parse(statement, false, cancellation);
        } catch (ParseException | RuntimeException simple) {
            if (cancellation.isCancelled()) {
                return SqlVerdict.refused(Refusals.unreadable(tokens, simple.getMessage()));
            }
            try {
                statements = parse(statement, true, cancellation);
            } catch (ParseException | RuntimeException e) {
                return SqlVerdict.refused(Refusals.unreadable(tokens, e.getMessage()));
            } catch (StackOverflowError e) {
                return SqlVerdict.refused(Refusals.tooDeep());
            }
        } catch (StackOverflowError e) {
            return SqlVerdict.refused(Refusals.tooDeep());
        }
        if (statements.size() != 1) {
            return SqlVerdict.refused(statements.isEmpty() ? Refusals.noStatement()
                    : Refusals.severalStatements(statements.size()));
        }
        return judge(statements.get(0), statement, tokens);
    }

    /** Parses on the caller's thread: CCJSqlParserUtil's own entry points start a thread for every call. */
    private static List<Statement> parse(String statement, boolean complex, CancellationToken cancellation)
            throws ParseException {
        CCJSqlParser parser = CCJSqlParserUtil.newParser(statement).withAllowComplexParsing(complex);
        cancellation.onCancel(() -> parser.interrupted = true);
        return parser.Statements().getStatements();
    }

    private static SqlVerdict judge(Statement statement, String text, SqlTokens tokens) {
        if (!(statement instanceof Select)) {
            return SqlVerdict.refused(Refusals.notAQuery(kind(statement)));
        }
        Select select = (Select) statement;
        Select inner = select;
        while (inner instanceof ParenthesedSelect) {
            inner = ((ParenthesedSelect) inner).getSelect();
        }
        if (inner instanceof PlainSelect) {
            PlainSelect plain = (PlainSelect) inner;
            if (plain.getIntoTables() != null && !plain.getIntoTables().isEmpty()) {
                return SqlVerdict.refused(Refusals.selectInto());
            }
            if (plain.getForMode() != null) {
                return SqlVerdict.refused(Refusals.locking(String.valueOf(plain.getForMode())));
            }
        }
        boolean[] paging = paging(select);
        return SqlVerdict.query(text, paging[0], paging[1], tokens.offsetInsertionPoint());
    }

    /** {limit, offset} of the outermost query: the parser hangs a trailing "UNION ... LIMIT n" on the last branch. */
    private static boolean[] paging(Select select) {
        Select top = select;
        while (top instanceof ParenthesedSelect && !pages(top)) {
            top = ((ParenthesedSelect) top).getSelect();
        }
        boolean limit = top.getLimit() != null || top.getFetch() != null;
        boolean offset = hasOffset(top);
        if (top instanceof SetOperationList) {
            List<Select> branches = ((SetOperationList) top).getSelects();
            Select last = branches.get(branches.size() - 1);
            if (!(last instanceof ParenthesedSelect)) {
                limit |= last.getLimit() != null || last.getFetch() != null;
                offset |= hasOffset(last);
            }
        }
        return new boolean[] {limit, offset};
    }

    private static boolean pages(Select select) {
        return select.getLimit() != null || select.getOffset() != null || select.getFetch() != null;
    }

    private static boolean hasOffset(Select select) {
        return select.getOffset() != null || (select.getLimit() != null && select.getLimit().getOffset() != null);
    }

    /** "INSERT", "CREATE TABLE": the parser's class name in words. */
    private static String kind(Statement statement) {
        return statement.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(Locale.ROOT);
    }
}
