package org.apache.kylin.rest.asyncquery.security;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/** The reasons the read-only check gives, worded once for every grammar. */
final class Refusals {
    static final String ONLY_QUERIES = "Only read-only queries (SELECT, WITH, VALUES, set operations of them, or "
            + "EXPLAIN PLAN FOR one) may run";
    private static final Set<String> STATEMENT_WORDS = new HashSet<>(Arrays.asList("INSERT", "UPDATE", "DELETE",
            "MERGE", "UPSERT", "REPLACE", "CREATE", "DROP", "ALTER", "TRUNCATE", "RENAME", "COMMENT", "GRANT", "REVOKE",
            "CALL", "EXEC", "EXECUTE", "SET", "RESET", "USE", "COMMIT", "ROLLBACK", "BEGIN", "START", "LOCK", "UNLOCK",
            "ANALYZE", "REFRESH", "COPY", "LOAD", "VACUUM", "SHOW", "DESCRIBE", "DESC", "KILL"));
    private static final Set<String> WITH_OBJECT = new HashSet<>(Arrays.asList("CREATE", "DROP", "ALTER"));
    private static final int MAX_MESSAGE = 300;

    private Refusals() {
    }

    static String noStatement() {
        return "The SQL holds no statement.";
    }

    static String severalStatements(int count) {
        return "The SQL holds " + count + " statements; send exactly one query.";
    }

    static String tooDeep() {
        return "The SQL is nested too deeply to be read.";
    }

    /** "..., this is an INSERT statement." */
    static String notAQuery(String kind) {
        boolean vowel = "AEIOU".indexOf(Character.toUpperCase(kind.charAt(0))) >= 0;
        return ONLY_QUERIES + "; this is " + (vowel ? "an " : "a ") + kind + " statement.";
    }

    static String selectInto() {
        return "SELECT ... INTO writes a table; only read-only queries may run.";
    }

    static String locking(String mode) {
        return "SELECT ... FOR " + mode + " locks rows; only read-only queries may run.";
    }

    /**
     * Why SQL the grammar could not read was refused: what it evidently is (several statements, a statement that
     * is not a query), or else the parser's own first line.
     */
    static String unreadable(SqlTokens tokens, String parserMessage) {
        int statements = tokens.statementCount();
        if (statements == 0) {
            return noStatement();
        }
        if (statements > 1) {
            return severalStatements(statements);
        }
        String first = tokens.firstWord();
        if (first != null && STATEMENT_WORDS.contains(first)) {
            String second = tokens.secondWord();
            return notAQuery(WITH_OBJECT.contains(first) && second != null ? first + " " + second : first);
        }
        if ("SELECT".equals(first) || "WITH".equals(first)) {
            if (tokens.hasTopLevelWord("INTO")) {
                return selectInto();
            }
            for (String mode : new String[] {"UPDATE", "SHARE"}) {
                if (tokens.hasTopLevelWords("FOR", mode)) {
                    return locking(mode);
                }
            }
        }
        return "The SQL could not be read as a query: " + firstLine(parserMessage);
    }

    static String firstLine(String message) {
        if (message == null || message.trim().isEmpty()) {
            return "unreadable SQL.";
        }
        String line = message.trim().split("\\R", 2)[0];
        return line.length() > MAX_MESSAGE ? line.substring(0, MAX_MESSAGE) + "..." : line;
    }
}
