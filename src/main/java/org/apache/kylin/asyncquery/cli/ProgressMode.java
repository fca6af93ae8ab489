package org.apache.kylin.asyncquery.cli;

/** How {@code wait} and {@code download} show progress on standard error. */
enum ProgressMode {
    /** A bar when standard error is a terminal, else nothing. */
    auto,
    /** A bar (80 characters wide when standard error is no terminal). */
    bar,
    /** A plain line when the status changes, and every few seconds while rows are written. */
    lines,
    /** Nothing. */
    none;

    ProgressMode resolve(boolean stderrTerminal) {
        if (this != auto) {
            return this;
        }
        return stderrTerminal ? bar : none;
    }
}
