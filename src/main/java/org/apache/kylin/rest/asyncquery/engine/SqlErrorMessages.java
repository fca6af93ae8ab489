package org.apache.kylin.rest.asyncquery.engine;

/**
 * Turns a driver's exception chain into one sentence a person can act on. Drivers wrap the useful message
 * (e.g. "From line 1, column 15 to line 1, column 20: Object 'FOO' not found") in generic outer layers.
 */
final class SqlErrorMessages {
    private SqlErrorMessages() {
    }

    static String describe(Throwable error) {
        String positioned = null;
        String deepest = null;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message == null || message.trim().isEmpty()) {
                continue;
            }
            deepest = message.trim();
            if (deepest.startsWith("From line ")) {
                positioned = deepest;
            }
        }
        String chosen = positioned != null ? positioned : deepest;
        return chosen == null ? error.getClass().getSimpleName() : chosen;
    }
}
