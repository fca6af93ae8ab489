package org.apache.kylin.rest.asyncquery.vocabulary;

import static java.util.Objects.requireNonNull;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

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

    @JsonCreator
    public ColumnMeta(@JsonProperty("name") String name, @JsonProperty("type_name") String typeName,
            @JsonProperty("jdbc_type") int jdbcType, @JsonProperty("precision") int precision,
            @JsonProperty("scale") int scale) {
        this.name = requireNonNull(name, "name is null");
        this.typeName = requireNonNull(typeName, "typeName is null");
        this.jdbcType = jdbcType;
        this.precision = precision;
        this.scale = scale;
    }

    @JsonProperty("name")
    public String name() {
        return name;
    }

    @JsonProperty("type_name")
    public String typeName() {
        return typeName;
    }

    @JsonProperty("jdbc_type")
    public int jdbcType() {
        return jdbcType;
    }

    @JsonProperty("precision")
    public int precision() {
        return precision;
    }

    @JsonProperty("scale")
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
