package org.apache.kylin.rest.asyncquery.spark;

import java.sql.Types;

import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.TimestampType;

/**
 * What a column of an aligned Dataset holds: its SQL type (from {@link ColumnMeta#jdbcType()}) together with the
 * Spark type that carries it. TIME travels as a string, since Spark has no TIME type.
 */
enum SparkColumnKind {
    TEXT, TIME, INTEGER, DECIMAL, REAL, DOUBLE, BOOLEAN, DATE, TIMESTAMP;

    /**
     * The kind of {@code column}, carried by {@code sparkType}.
     *
     * @throws IllegalArgumentException the SQL type has no Spark route, or the Spark type is not the one that
     *     carries it (the Dataset was not aligned to the columns)
     */
    static SparkColumnKind of(ColumnMeta column, DataType sparkType) {
        SparkColumnKind kind = ofSqlType(column);
        if (!kind.carriedBy(sparkType, column)) {
            throw new IllegalArgumentException("Column " + column.name() + " of type " + column.typeName()
                    + " arrives as Spark type " + sparkType.simpleString() + ", which does not carry it");
        }
        return kind;
    }

    private static SparkColumnKind ofSqlType(ColumnMeta column) {
        switch (column.jdbcType()) {
            case Types.CHAR:
            case Types.VARCHAR:
            case Types.LONGVARCHAR:
            case Types.NCHAR:
            case Types.NVARCHAR:
            case Types.LONGNVARCHAR:
            case Types.CLOB:
            case Types.NCLOB:
                return TEXT;
            case Types.TIME:
                return TIME;
            case Types.TINYINT:
            case Types.SMALLINT:
            case Types.INTEGER:
            case Types.BIGINT:
                return INTEGER;
            case Types.DECIMAL:
            case Types.NUMERIC:
                return DECIMAL;
            case Types.REAL:
                return REAL;
            case Types.FLOAT:
            case Types.DOUBLE:
                return DOUBLE;
            case Types.BOOLEAN:
            case Types.BIT:
                return BOOLEAN;
            case Types.DATE:
                return DATE;
            case Types.TIMESTAMP:
                return TIMESTAMP;
            default:
                throw new IllegalArgumentException("Column " + column.name() + " of type " + column.typeName()
                        + " has no Spark route");
        }
    }

    private boolean carriedBy(DataType type, ColumnMeta column) {
        switch (this) {
            case TEXT:
            case TIME:
                return type instanceof StringType;
            case INTEGER:
                return type instanceof ByteType || type instanceof ShortType || type instanceof IntegerType
                        || type instanceof LongType;
            case DECIMAL:
                // The writers give a decimal its declared scale; a Spark value of another scale would print
                // differently. A column whose engine declares no usable scale keeps the value's own.
                return type instanceof DecimalType && (!declaresScale(column)
                        || ((DecimalType) type).scale() == column.scale());
            case REAL:
                return type instanceof FloatType;
            case DOUBLE:
                return type instanceof DoubleType;
            case BOOLEAN:
                return type instanceof BooleanType;
            case DATE:
                return type instanceof DateType;
            case TIMESTAMP:
                return type instanceof TimestampType;
            default:
                throw new AssertionError(this);
        }
    }

    /** As ColumnValues.decimal decides whether a column's scale is to be applied. */
    private static boolean declaresScale(ColumnMeta column) {
        return column.precision() > 0 && column.scale() >= 0 && column.scale() <= column.precision();
    }
}
