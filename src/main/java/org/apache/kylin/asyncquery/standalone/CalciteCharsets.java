package org.apache.kylin.asyncquery.standalone;

/**
 * Makes the embedded Calcite accept any Unicode in SQL string literals, as Kylin does with its own
 * {@code saffron.properties}; Calcite's default (ISO-8859-1) rejects {@code '你好'}. These are JVM-wide settings
 * read once when Calcite loads, so only the standalone server sets them, and only where nobody else has.
 */
final class CalciteCharsets {
    private static final String UNICODE = "UTF-16LE";

    private CalciteCharsets() {
    }

    static void applyUnlessSet() {
        setUnlessSet("calcite.default.charset", UNICODE);
        setUnlessSet("calcite.default.nationalcharset", UNICODE);
        setUnlessSet("calcite.default.collation.name", UNICODE + "$en_US");
    }

    private static void setUnlessSet(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
