package org.apache.kylin.rest.asyncquery.security;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.function.Function;

import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.kylin.rest.asyncquery.vocabulary.CancellationToken;

/**
 * The read-only decision made with Apache Calcite's own SQL parser: the front end of Kylin 4 (which ships Calcite
 * 1.16) and of the standalone server (which embeds 1.37), so exactly the statements the engine would run as a query
 * pass. Written against the API both versions share: {@code SqlParser.configBuilder()}, {@code parseStmt()} and the
 * public fields of {@code SqlOrderBy} and {@code SqlWith}. Where the newer {@code SqlParser.create(Reader, Config)}
 * exists, the parser reads through a reader that stops it once the check has given up; on 1.16 an abandoned parse
 * runs to its end (Calcite's parser is close to linear: a few seconds for the largest SQL accepted).
 *
 * <p>Accepted: SELECT, WITH, VALUES, TABLE, UNION/INTERSECT/EXCEPT of them, each with ORDER BY, LIMIT, OFFSET and
 * FETCH, and EXPLAIN PLAN FOR such a query (it reads nothing but the plan). Refused: everything else, including
 * DML, DDL and several statements. Trailing semicolons are dropped, as Kylin's own SQL massaging drops them.
 */
public final class CalciteSqlGrammar implements SqlGrammar {
    /** Where Kylin 4 keeps its Calcite connection properties, in {@code kylin.properties}. */
    public static final String KYLIN_CALCITE_PREFIX = "kylin.query.calcite.extras-props.";
    private static final Method CREATE_FROM_READER = readerFactory();

    private final SqlParser.Config config;
    private final String description;

    private CalciteSqlGrammar(SqlParser.Config config, String description) {
        this.config = requireNonNull(config, "config is null");
        this.description = requireNonNull(description, "description is null");
    }

    /** The parser settings of a Calcite JDBC connection left at its defaults, as the standalone server opens them. */
    public static CalciteSqlGrammar calciteJdbcDefaults() {
        return fromConnectionProperties(key -> null, SqlConformanceEnum.DEFAULT);
    }

    /**
     * The parser settings of Kylin 4's query connection: its {@code kylin.query.calcite.extras-props.*}
     * (quoting, casing, case sensitivity, conformance), defaulting as Kylin's {@code kylin-defaults.properties}
     * does: double-quoted identifiers, unquoted ones upper-cased, LENIENT conformance.
     */
    public static CalciteSqlGrammar kylin(Function<String, String> kylinProperty) {
        requireNonNull(kylinProperty, "kylinProperty is null");
        return fromConnectionProperties(key -> kylinProperty.apply(KYLIN_CALCITE_PREFIX + key),
                SqlConformanceEnum.LENIENT);
    }

    @SuppressWarnings("deprecation") // configBuilder() is the one way to build a Config that Calcite 1.16 has
    private static CalciteSqlGrammar fromConnectionProperties(Function<String, String> property,
            SqlConformanceEnum defaultConformance) {
        Quoting quoting = setting(property, "quoting", Quoting.DOUBLE_QUOTE, Quoting::valueOf);
        Casing unquoted = setting(property, "unquotedCasing", Casing.TO_UPPER, Casing::valueOf);
        Casing quoted = setting(property, "quotedCasing", Casing.UNCHANGED, Casing::valueOf);
        Boolean caseSensitive = setting(property, "caseSensitive", Boolean.TRUE, Boolean::valueOf);
        SqlConformanceEnum conformance = setting(property, "conformance", defaultConformance,
                SqlConformanceEnum::valueOf);
        SqlParser.Config config = SqlParser.configBuilder().setQuoting(quoting).setUnquotedCasing(unquoted)
                .setQuotedCasing(quoted).setCaseSensitive(caseSensitive).setConformance(conformance).build();
        return new CalciteSqlGrammar(config, "Calcite's SQL parser (" + quoting + ", unquoted " + unquoted + ", "
                + conformance + ")");
    }

    private static <T> T setting(Function<String, String> property, String key, T fallback,
            Function<String, T> parse) {
        String value = property.apply(key);
        if (value == null || value.trim().isEmpty()) {
            return fallback;
        }
        try {
            return parse.apply(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Calcite connection property " + key + "=" + value
                    + " is not one Calcite knows", e);
        }
    }

    @Override
    public String name() {
        return description;
    }

    @Override
    public SqlVerdict classify(String sql, CancellationToken cancellation) {
        SqlTokens tokens = SqlTokens.of(sql, true);
        String statement = tokens.withoutTrailingSemicolons();
        if (tokens.statementCount() == 0) {
            return SqlVerdict.refused(Refusals.noStatement());
        }
        SqlNode node;
        try {
            node = parser(statement, cancellation).parseStmt();
        } catch (SqlParseException e) {
            return e.getCause() instanceof StackOverflowError ? SqlVerdict.refused(Refusals.tooDeep())
                    : SqlVerdict.refused(Refusals.unreadable(tokens, e.getMessage()));
        } catch (RuntimeException e) {
            // A literal out of range and the like: Calcite's parser reports some errors unwrapped.
            return SqlVerdict.refused(Refusals.unreadable(tokens, e.getMessage()));
        } catch (StackOverflowError e) {
            return SqlVerdict.refused(Refusals.tooDeep());
        }
        return judge(node, statement, tokens);
    }

    private static SqlVerdict judge(SqlNode node, String statement, SqlTokens tokens) {
        if (node.getKind() == SqlKind.EXPLAIN) {
            SqlNode explained = ((SqlExplain) node).getExplicandum();
            // The plan's rows are the result: the explained query's own paging is not the statement's.
            return isQuery(explained) ? SqlVerdict.query(statement, false, false, -1)
                    : SqlVerdict.refused(Refusals.notAQuery("EXPLAIN of " + kind(explained)));
        }
        if (!isQuery(node)) {
            return SqlVerdict.refused(Refusals.notAQuery(kind(node)));
        }
        SqlNode top = node;
        while (top instanceof SqlWith) {
            top = ((SqlWith) top).body;
        }
        boolean limit = top instanceof SqlOrderBy && ((SqlOrderBy) top).fetch != null;
        boolean offset = top instanceof SqlOrderBy && ((SqlOrderBy) top).offset != null;
        return SqlVerdict.query(statement, limit, offset, limit && !offset ? tokens.offsetInsertionPoint() : -1);
    }

    private static boolean isQuery(SqlNode node) {
        if (node instanceof SqlOrderBy) {
            return isQuery(((SqlOrderBy) node).query);
        }
        if (node instanceof SqlWith) {
            return isQuery(((SqlWith) node).body);
        }
        return node.getKind().belongsTo(SqlKind.QUERY);
    }

    /** "INSERT", "SET", "DESCRIBE TABLE": what Calcite parsed, in words. */
    private static String kind(SqlNode node) {
        return node.getKind() == SqlKind.SET_OPTION ? "SET" : node.getKind().name().replace('_', ' ');
    }

    private SqlParser parser(String statement, CancellationToken cancellation) {
        if (CREATE_FROM_READER != null) {
            try {
                return (SqlParser) CREATE_FROM_READER.invoke(null, new CancellableReader(statement, cancellation),
                        config);
            } catch (IllegalAccessException | InvocationTargetException e) {
                // Not expected of a public static factory; the string form below does the same work.
            }
        }
        return SqlParser.create(statement, config);
    }

    /** {@code SqlParser.create(Reader, Config)}, added after Calcite 1.16; null where it is missing. */
    private static Method readerFactory() {
        try {
            return SqlParser.class.getMethod("create", Reader.class, SqlParser.Config.class);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /**
     * Hands the parser its text a little at a time and fails once the parse is cancelled: Calcite's lexer reads as
     * it goes, so a long parse ends at its next read (the parser takes the failure for the end of the text).
     */
    private static final class CancellableReader extends Reader {
        private static final int CHUNK = 1024;

        private final String text;
        private final CancellationToken cancellation;
        private int position;

        CancellableReader(String text, CancellationToken cancellation) {
            this.text = text;
            this.cancellation = cancellation;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            if (cancellation.isCancelled()) {
                throw new IOException("The parse was cancelled");
            }
            if (position >= text.length()) {
                return -1;
            }
            int count = Math.min(Math.min(length, CHUNK), text.length() - position);
            text.getChars(position, position + count, buffer, offset);
            position += count;
            return count;
        }

        @Override
        public void close() {
            // Nothing to release.
        }
    }
}
