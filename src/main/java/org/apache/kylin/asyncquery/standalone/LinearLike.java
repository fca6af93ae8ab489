package org.apache.kylin.asyncquery.standalone;

import java.util.Arrays;

/**
 * SQL {@code LIKE} in time proportional to the value's length times the pattern's, for the standalone server's
 * Calcite. Calcite 1.37 turns each {@code %} into a regular expression's {@code .*}, and Java's backtracking makes
 * {@code '<60 a>' LIKE '%a%a%a...%ab'} run for hours inside one row, where nothing can stop it. This matcher gives
 * the same answers as Calcite's (and the same errors for a bad escape): {@code %} matches any characters, line
 * breaks included; {@code _} matches one character (a whole surrogate pair) other than a line terminator, as a
 * regular expression's {@code .} does; it compares code points, case-sensitively.
 */
public final class LinearLike {
    private static final int ANY_ONE = -1;
    private static final int ANY_MANY = -2;

    private LinearLike() {
    }

    /** {@code value LIKE pattern}; null when either is null. Calcite's generated code calls it. */
    public static Boolean like(String value, String pattern) {
        if (value == null || pattern == null) {
            return null;
        }
        return matches(value, compile(pattern, (char) 0, false));
    }

    /** {@code value LIKE pattern ESCAPE escape}; null when any is null. */
    public static Boolean likeEscape(String value, String pattern, String escape) {
        if (value == null || pattern == null || escape == null) {
            return null;
        }
        if (escape.length() != 1) {
            throw new IllegalArgumentException("Invalid escape character '" + escape + "'");
        }
        return matches(value, compile(pattern, escape.charAt(0), true));
    }

    /** The pattern as code points, with {@link #ANY_ONE} and {@link #ANY_MANY} for the wildcards. */
    private static int[] compile(String pattern, char escape, boolean escaping) {
        int[] tokens = new int[pattern.length()];
        int count = 0;
        for (int i = 0; i < pattern.length(); ) {
            char c = pattern.charAt(i);
            if (escaping && c == escape) {
                if (i == pattern.length() - 1 || !isEscapable(pattern.charAt(i + 1), escape)) {
                    throw new IllegalArgumentException("Invalid escape sequence '" + pattern + "', " + i);
                }
                tokens[count++] = pattern.charAt(i + 1);
                i += 2;
            } else if (c == '%') {
                tokens[count++] = ANY_MANY;
                i++;
            } else if (c == '_') {
                tokens[count++] = ANY_ONE;
                i++;
            } else {
                int codePoint = pattern.codePointAt(i);
                tokens[count++] = codePoint;
                i += Character.charCount(codePoint);
            }
        }
        return Arrays.copyOf(tokens, count);
    }

    private static boolean isEscapable(char next, char escape) {
        return next == '%' || next == '_' || next == escape;
    }

    /**
     * Wildcard matching that remembers only the last {@code %}: on a mismatch it retries from there one character
     * further on. A later {@code %} can absorb whatever an earlier one would, so earlier ones never need a retry.
     */
    private static boolean matches(String value, int[] pattern) {
        int[] text = value.codePoints().toArray();
        int t = 0;
        int p = 0;
        int lastStar = -1;
        int resumeAt = 0;
        while (t < text.length) {
            if (p < pattern.length && pattern[p] == ANY_MANY) {
                lastStar = p++;
                resumeAt = t;
            } else if (p < pattern.length && (pattern[p] == ANY_ONE ? !isLineTerminator(text[t])
                    : pattern[p] == text[t])) {
                p++;
                t++;
            } else if (lastStar >= 0) {
                p = lastStar + 1;
                t = ++resumeAt;
            } else {
                return false;
            }
        }
        while (p < pattern.length && pattern[p] == ANY_MANY) {
            p++;
        }
        return p == pattern.length;
    }

    /** What a regular expression's {@code .} does not match. */
    private static boolean isLineTerminator(int c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }
}
