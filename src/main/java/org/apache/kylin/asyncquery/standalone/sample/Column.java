package org.apache.kylin.asyncquery.standalone.sample;

import java.util.Locale;

/**
 * One column of a generated CSV table: an upper-case name plus the Calcite file-adapter type
 * that goes into the CSV header ({@code NAME:type}).
 *
 * <p>Immutable. The factory methods cover exactly the types that calcite-file 1.37 understands;
 * anything else would silently become VARCHAR in the adapter.
 */
final class Column {

    private final String name;
    private final String adapterType;

    private Column(String name, String adapterType) {
        if (!name.equals(name.toUpperCase(Locale.ROOT))) {
            // Calcite upper-cases unquoted identifiers, so lower-case columns could only be
            // reached through quoted identifiers.
            throw new IllegalArgumentException("column name must be upper case: " + name);
        }
        this.name = name;
        this.adapterType = adapterType;
    }

    static Column varchar(String name) {
        return new Column(name, "string");
    }

    /** CHAR(1): the adapter has no length for {@code char}. */
    static Column char1(String name) {
        return new Column(name, "char");
    }

    static Column bool(String name) {
        return new Column(name, "boolean");
    }

    static Column tinyint(String name) {
        return new Column(name, "byte");
    }

    static Column smallint(String name) {
        return new Column(name, "short");
    }

    static Column integer(String name) {
        return new Column(name, "int");
    }

    static Column bigint(String name) {
        return new Column(name, "long");
    }

    /** REAL (the adapter's {@code float}). */
    static Column real(String name) {
        return new Column(name, "float");
    }

    static Column dbl(String name) {
        return new Column(name, "double");
    }

    static Column date(String name) {
        return new Column(name, "date");
    }

    static Column time(String name) {
        return new Column(name, "time");
    }

    static Column timestamp(String name) {
        return new Column(name, "timestamp");
    }

    /**
     * DECIMAL(precision, scale). The adapter only recognises the type when it is written as
     * {@code NAME:"decimal(p,s)"}: its pattern expects the opening quote, which opencsv keeps
     * because the quote is in the middle of the header cell, and the quotes also protect the comma.
     */
    static Column decimal(String name, int precision, int scale) {
        if (precision <= 0 || scale < 0 || scale > precision) {
            throw new IllegalArgumentException("bad decimal(" + precision + "," + scale + ")");
        }
        return new Column(name, "\"decimal(" + precision + "," + scale + ")\"");
    }

    String name() {
        return name;
    }

    /** The header cell, written verbatim (it must not go through value quoting). */
    String headerCell() {
        return name + ":" + adapterType;
    }
}
