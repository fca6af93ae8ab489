package org.apache.kylin.rest.asyncquery.config;

/** Who may download whose results (Kylin 5's two switches), and whether CSV cells are escaped for spreadsheets. */
public final class ExportPolicy {
    private final boolean allowAdmin;
    private final boolean allowOther;
    private final boolean escapeFormulas;

    public ExportPolicy(boolean allowAdmin, boolean allowOther, boolean escapeFormulas) {
        this.allowAdmin = allowAdmin;
        this.allowOther = allowOther;
        this.escapeFormulas = escapeFormulas;
    }

    public static ExportPolicy permissive() {
        return new ExportPolicy(true, true, false);
    }

    /** Whether administrators may download results that other users submitted. */
    public boolean allowAdmin() {
        return allowAdmin;
    }

    /** Whether users who are not administrators may download results at all. */
    public boolean allowOther() {
        return allowOther;
    }

    public boolean escapeFormulas() {
        return escapeFormulas;
    }
}
