package org.apache.kylin.rest.asyncquery.vocabulary;

import static java.util.Objects.requireNonNull;

import java.util.Objects;

/**
 * One result column as the engine's JDBC metadata describes it. {@link #typeName()} is the SQL type name
 * clients see in {@code metadata}; {@link #jdbcType()} is the {@link java.sql.Types} code writers use.
 */
public final class ColumnMeta {
    private final String name;
    private final String typeName;
    private final int jdbcType;
    private final int precision;
    private final int scale;

    public ColumnMeta(String name, String typeName,
            int jdbcType, int precision,
            int scale) {
        this.name = requireNonNull(name, "name is null");
        this.typeName = requireNonNull(typeName, "typeName is null");
        this.jdbcType = jdbcType;
        this.precision = precision;
        this.scale = scale;
    }

    public String name() {
        return name;
    }

    public String typeName() {
        return typeName;
    }

    public int jdbcType() {
        return jdbcType;
    }

    public int precision() {
        return precision;
    }

    public int scale() {
        return scale;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ColumnMeta)) {
            return false;
        }
        ColumnMeta that = (ColumnMeta) o;
        return jdbcType == that.jdbcType && precision == that.precision && scale == that.scale
                && name.equals(that.name) && typeName.equals(that.typeName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, typeName, jdbcType, precision, scale);
    }

    @Override
    public String toString() {
        return name + " " + typeName;
    }
}
