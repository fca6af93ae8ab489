package org.apache.kylin.rest.asyncquery.security;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;

/**
 * Lets through exactly one read-only query (SELECT, WITH ... SELECT, VALUES, set operations of them) and refuses
 * everything else before it runs: DDL, DML, several statements, SELECT INTO and SELECT FOR UPDATE. Decided by a
 * SQL parser, so keywords inside literals, identifiers or comments do not fool it. SQL the parser cannot read is
 * refused too: when in doubt, nothing runs.
 */
public final class ReadOnlySql {
    private ReadOnlySql() {
    }

    /** Why {@code sql} is refused, or empty when it is a single read-only query. */
    public static Optional<String> refusal(String sql) {
        List<Statement> statements;
        try {
            statements = CCJSqlParserUtil.newParser(sql).Statements().getStatements();
        } catch (ParseException | RuntimeException e) {
            return Optional.of("The SQL could not be read as a query: " + firstLine(e.getMessage()));
        } catch (StackOverflowError e) {
            return Optional.of("The SQL is nested too deeply to be read.");
        }
        if (statements.isEmpty()) {
            return Optional.of("The SQL holds no statement.");
        }
        if (statements.size() > 1) {
            return Optional.of("The SQL holds " + statements.size() + " statements; send exactly one query.");
        }
        Statement statement = statements.get(0);
        if (!(statement instanceof Select)) {
            return Optional.of("Only read-only queries (SELECT, WITH, VALUES) may run; this is " + kind(statement)
                    + ".");
        }
        Select select = (Select) statement;
        while (select instanceof ParenthesedSelect) {
            select = ((ParenthesedSelect) select).getSelect();
        }
        if (select instanceof PlainSelect) {
            PlainSelect plain = (PlainSelect) select;
            if (plain.getIntoTables() != null && !plain.getIntoTables().isEmpty()) {
                return Optional.of("SELECT ... INTO writes a table; only read-only queries may run.");
            }
            if (plain.getForMode() != null) {
                return Optional.of("SELECT ... FOR " + plain.getForMode() + " locks rows; only read-only queries may run.");
            }
        }
        return Optional.empty();
    }

    /** "an INSERT statement", from the parser's class name (Insert, Drop, CreateTable, ...). */
    private static String kind(Statement statement) {
        String name = statement.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2")
                .toUpperCase(Locale.ROOT);
        boolean vowel = "AEIOU".indexOf(name.charAt(0)) >= 0;
        return (vowel ? "an " : "a ") + name + " statement";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable SQL.";
        }
        String line = message.trim().split("\\R", 2)[0];
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
