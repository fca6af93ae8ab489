package org.apache.kylin.rest.asyncquery.security;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The tokens of SQL text, as a SQL lexer sees them: string literals, quoted identifiers and numbers are one token
 * each, comments and white space none, so nothing inside a literal, an identifier or a comment ever counts. Used
 * around a grammar, never instead of one: to cut trailing semicolons, to explain why unreadable SQL was refused,
 * and to find where an OFFSET clause goes. Linear in the length of the text.
 */
final class SqlTokens {
    /** What a token is. */
    enum Kind { WORD, NUMBER, STRING, QUOTED_IDENTIFIER, SYMBOL }

    /** One token: its kind, where it lies in the text and at which parenthesis depth. */
    static final class Token {
        final Kind kind;
        final int start;
        final int end;
        final int depth;
        private final String text;

        Token(Kind kind, String text, int start, int end, int depth) {
            this.kind = kind;
            this.text = text;
            this.start = start;
            this.end = end;
            this.depth = depth;
        }

        boolean isWord(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }

        boolean isSymbol(char symbol) {
            return kind == Kind.SYMBOL && text.charAt(0) == symbol;
        }

        /** An upper-case keyword, or null when this is not a bare word. */
        String word() {
            return kind == Kind.WORD ? text.toUpperCase(Locale.ROOT) : null;
        }

        @Override
        public String toString() {
            return kind + ":" + text;
        }
    }

    private final String sql;
    private final List<Token> tokens;

    private SqlTokens(String sql, List<Token> tokens) {
        this.sql = sql;
        this.tokens = tokens;
    }

    /**
     * @param slashSlashComments whether {@code //} starts a comment to the end of the line, as in Calcite's grammar
     */
    static SqlTokens of(String sql, boolean slashSlashComments) {
        return new SqlTokens(sql, Collections.unmodifiableList(lex(sql, slashSlashComments)));
    }

    List<Token> all() {
        return tokens;
    }

    /**
     * The text without trailing semicolons (and what follows them): the one statement a grammar that reads one
     * statement expects. Offsets into it are offsets into the whole text.
     */
    String withoutTrailingSemicolons() {
        int last = significantEnd();
        return last == tokens.size() ? sql : last == 0 ? "" : sql.substring(0, tokens.get(last - 1).end);
    }

    /** The number of tokens before any trailing semicolons. */
    private int significantEnd() {
        int last = tokens.size();
        while (last > 0 && tokens.get(last - 1).isSymbol(';')) {
            last--;
        }
        return last;
    }

    /** How many statements the text holds: runs of tokens between semicolons. */
    int statementCount() {
        int count = 0;
        boolean inStatement = false;
        for (Token token : tokens) {
            if (token.isSymbol(';')) {
                inStatement = false;
            } else if (!inStatement) {
                inStatement = true;
                count++;
            }
        }
        return count;
    }

    /** The first bare word, skipping opening parentheses, upper-cased; null when the text starts otherwise. */
    String firstWord() {
        for (Token token : tokens) {
            if (!token.isSymbol('(')) {
                return token.word();
            }
        }
        return null;
    }

    /** The bare word after the first one, upper-cased, or null. */
    String secondWord() {
        boolean seenFirst = false;
        for (Token token : tokens) {
            if (token.isSymbol('(') && !seenFirst) {
                continue;
            }
            if (seenFirst) {
                return token.word();
            }
            seenFirst = true;
        }
        return null;
    }

    /** Whether the first statement has {@code word} outside every parenthesis. */
    boolean hasTopLevelWord(String word) {
        for (Token token : tokens) {
            if (token.isSymbol(';')) {
                return false;
            }
            if (token.depth == 0 && token.isWord(word)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the first statement has {@code first} followed by {@code second} outside every parenthesis. */
    boolean hasTopLevelWords(String first, String second) {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).isSymbol(';')) {
                return false;
            }
            if (tokens.get(i).depth == 0 && tokens.get(i).isWord(first) && tokens.get(i + 1).isWord(second)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Where an OFFSET clause goes in a statement whose outermost query ends in its own row limit and has no OFFSET:
     * before {@code FETCH {FIRST|NEXT} [n] {ROW|ROWS} ONLY}, or after the count of {@code LIMIT n}; closing
     * parentheses around the whole query may follow either. The outermost query's paging clauses end its text, so
     * this tail is theirs. -1 when the text does not end in either form.
     */
    int offsetInsertionPoint() {
        int end = significantEnd();
        while (end > 0 && tokens.get(end - 1).isSymbol(')')) {
            end--;
        }
        if (end >= 4 && tokens.get(end - 1).isWord("ONLY")
                && (tokens.get(end - 2).isWord("ROWS") || tokens.get(end - 2).isWord("ROW"))) {
            int i = end - 3;
            if (isCount(tokens.get(i))) {
                i--;
            }
            if (i >= 1 && (tokens.get(i).isWord("FIRST") || tokens.get(i).isWord("NEXT"))
                    && tokens.get(i - 1).isWord("FETCH")) {
                return tokens.get(i - 1).start;
            }
            return -1;
        }
        if (end >= 2 && tokens.get(end - 2).isWord("LIMIT") && isCount(tokens.get(end - 1))) {
            return tokens.get(end - 1).end;
        }
        return -1;
    }

    private static boolean isCount(Token token) {
        return token.kind == Kind.NUMBER || token.isSymbol('?');
    }

    private static List<Token> lex(String sql, boolean slashSlashComments) {
        List<Token> tokens = new ArrayList<>();
        int depth = 0;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            char next = i + 1 < n ? sql.charAt(i + 1) : 0;
            if (Character.isWhitespace(c)) {
                i++;
            } else if ((c == '-' && next == '-') || (slashSlashComments && c == '/' && next == '/')) {
                i = lineEnd(sql, i);
            } else if (c == '/' && next == '*') {
                int close = sql.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
            } else if (c == '\'' || c == '"' || c == '`') {
                int end = quotedEnd(sql, i, c);
                tokens.add(new Token(c == '\'' ? Kind.STRING : Kind.QUOTED_IDENTIFIER, sql.substring(i, end), i, end,
                        depth));
                i = end;
            } else if (isDigit(c) || (c == '.' && isDigit(next))) {
                int end = numberEnd(sql, i);
                tokens.add(new Token(Kind.NUMBER, sql.substring(i, end), i, end, depth));
                i = end;
            } else if (Character.isLetter(c) || c == '_' || c == '$') {
                int end = i + 1;
                while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_'
                        || sql.charAt(end) == '$')) {
                    end++;
                }
                tokens.add(new Token(Kind.WORD, sql.substring(i, end), i, end, depth));
                i = end;
            } else {
                if (c == ')' && depth > 0) {
                    depth--;
                }
                tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), i, i + 1, depth));
                if (c == '(') {
                    depth++;
                }
                i++;
            }
        }
        return tokens;
    }

    private static int lineEnd(String sql, int from) {
        int i = from;
        while (i < sql.length() && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
            i++;
        }
        return i;
    }

    /** The end of a quoted token at {@code from}: a doubled quote stays inside; an unterminated one runs to the end. */
    private static int quotedEnd(String sql, int from, char quote) {
        int i = from + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    private static int numberEnd(String sql, int from) {
        int i = from;
        while (i < sql.length() && (isDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
            i++;
        }
        if (i < sql.length() && (sql.charAt(i) == 'e' || sql.charAt(i) == 'E')) {
            int exponent = i + 1;
            if (exponent < sql.length() && (sql.charAt(exponent) == '+' || sql.charAt(exponent) == '-')) {
                exponent++;
            }
            if (exponent < sql.length() && isDigit(sql.charAt(exponent))) {
                i = exponent;
                while (i < sql.length() && isDigit(sql.charAt(i))) {
                    i++;
                }
            }
        }
        return i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
