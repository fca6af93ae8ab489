package org.apache.kylin.rest.asyncquery.engine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Turns a driver's exception chain into one sentence a person can act on, without Java class names. Drivers wrap
 * the useful message (e.g. "From line 1, column 15 to line 1, column 20: Object 'FOO' not found") in generic outer
 * layers, and the runtime's own messages ("/ by zero", {@code For input string: "x"}) need words around them.
 */
public final class SqlErrorMessages {
    /** Long enough for any parser or validator message; a planner's dump of its state is cut. */
    static final int MAX_LENGTH = 2000;
    private static final String NO_REASON = "The engine could not run the query and gave no reason.";
    private static final Pattern NOT_A_NUMBER = Pattern.compile("For input string: (\".*\")(?: under radix \\d+)?",
            Pattern.DOTALL);
    /** A qualified Java class name of an exception or error, with the ": " that usually follows it. */
    private static final Pattern CLASS_NAME = Pattern.compile(
            "(?:class )?(?:[A-Za-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error|Throwable)\\b(?::\\s*)?");

    private SqlErrorMessages() {
    }

    public static String describe(Throwable error) {
        Throwable positioned = null;
        Throwable deepest = null;
        Throwable root = error;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            root = t;
            String message = t.getMessage();
            if (t instanceof PatternSyntaxException || message != null && !message.trim().isEmpty()) {
                deepest = t;
                if (message != null && message.trim().startsWith("From line ")) {
                    positioned = t;
                }
            }
        }
        Throwable chosen = positioned != null ? positioned : deepest != null ? deepest : root;
        return clean(sentence(chosen));
    }

    /** Removes Java class names from a message meant for people, and bounds its length. */
    public static String clean(String message) {
        String cleaned = message == null ? "" : CLASS_NAME.matcher(message).replaceAll("").trim();
        if (cleaned.isEmpty()) {
            return NO_REASON;
        }
        return cleaned.length() <= MAX_LENGTH ? cleaned : cleaned.substring(0, MAX_LENGTH) + " ...";
    }

    private static String sentence(Throwable error) {
        String message = error.getMessage() == null ? "" : error.getMessage().trim();
        if (error instanceof PatternSyntaxException) {
            PatternSyntaxException bad = (PatternSyntaxException) error;
            return "Invalid regular expression '" + bad.getPattern() + "': " + bad.getDescription()
                    + (bad.getIndex() >= 0 ? " near index " + bad.getIndex() : "") + ".";
        }
        if (error instanceof NumberFormatException) {
            Matcher input = NOT_A_NUMBER.matcher(message);
            return input.matches() ? "Not a number: " + input.group(1) + "."
                    : "A value is not a valid number" + (message.isEmpty() ? "." : ": " + message);
        }
        if (error instanceof ArithmeticException) {
            String lower = message.toLowerCase(java.util.Locale.ROOT);
            if (lower.contains("by zero") || lower.equals("division undefined")) {
                return "Division by zero.";
            }
            return message.isEmpty() ? "Arithmetic error." : "Arithmetic error: " + message;
        }
        return message;
    }
}
