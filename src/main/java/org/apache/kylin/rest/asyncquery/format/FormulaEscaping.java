package org.apache.kylin.rest.asyncquery.format;

/**
 * Neutralises spreadsheet formulas in text cells, as OWASP's CSV injection advice says: a cell that starts with
 * {@code =}, {@code +}, {@code -}, {@code @}, tab or carriage return gets a leading {@code '}, which spreadsheets
 * show as text. Only text values are touched; a negative number stays a number.
 */
final class FormulaEscaping {
    private FormulaEscaping() {
    }

    static String escape(String text) {
        if (text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        return formula ? "'" + text : text;
    }
}
