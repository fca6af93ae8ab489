package org.apache.kylin.rest.asyncquery.format;

import java.sql.Types;
import java.util.List;

import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types.MessageTypeBuilder;

/**
 * The Parquet schema for a result: real column types (integers, DECIMAL with its precision and scale, DATE,
 * TIMESTAMP, floating point, boolean, UTF-8 strings), every column optional, names made safe for Spark and Hive.
 */
public final class ParquetSchemas {
    static final int MAX_DECIMAL_PRECISION = 38;

    private ParquetSchemas() {
    }

    static MessageType of(List<ColumnMeta> columns, String[] names) {
        MessageTypeBuilder message = org.apache.parquet.schema.Types.buildMessage();
        for (int i = 0; i < names.length; i++) {
            message.addField(field(columns.get(i), names[i]));
        }
        return message.named("result");
    }

    /** The field names a Parquet result has for these columns: safe for Spark and Hive, and unique. */
    public static String[] fieldNames(List<ColumnMeta> columns) {
        return UniqueNames.of(columns, ParquetSchemas::safeName);
    }

    /** A name Spark and Hive accept: no spaces, commas, semicolons, braces, parentheses, equals signs or controls. */
    static String safeName(String name) {
        String safe = name.replaceAll("[\\s,;{}()=\\p{Cntrl}]", "_");
        return safe.isEmpty() ? "column" : safe;
    }

    static int precision(ColumnMeta column) {
        int precision = column.precision();
        return precision <= 0 || precision > MAX_DECIMAL_PRECISION ? MAX_DECIMAL_PRECISION : precision;
    }

    private static Type field(ColumnMeta column, String name) {
        switch (column.jdbcType()) {
            case Types.BOOLEAN:
            case Types.BIT:
                return org.apache.parquet.schema.Types.optional(PrimitiveTypeName.BOOLEAN).named(name);
            case Types.TINYINT:
                return int32(name, 8);
            case Types.SMALLINT:
                return int32(name, 16);
            case Types.INTEGER:
                return int32(name, 32);
            case Types.BIGINT:
                return org.apache.parquet.schema.Types.optional(PrimitiveTypeName.INT64)
                        .as(LogicalTypeAnnotation.intType(64, true)).named(name);
            case Types.REAL:
                return org.apache.parquet.schema.Types.optional(PrimitiveTypeName.FLOAT).named(name);
            case Types.FLOAT:
            case Types.DOUBLE:
                return org.apache.parquet.schema.Types.optional(PrimitiveTypeName.DOUBLE).named(name);
            case Types.DECIMAL:
            case Types.NUMERIC:
                return decimal(column, name);
            case Types.DATE:
                return org.apache.parquet.schema.Types.optional(PrimitiveTypeName.INT32)
                        .as(LogicalTypeAnnotation.dateType()).named(name);
            case Types.TIMESTAMP:
                return org.apache.parquet.schema.Types.optional(PrimitiveTypeName.INT64)
                        .as(LogicalTypeAnnotation.timestampType(false, TimeUnit.MICROS)).named(name);
            default:
                return org.apache.parquet.schema.Types.optional(PrimitiveTypeName.BINARY)
                        .as(LogicalTypeAnnotation.stringType()).named(name);
        }
    }

    private static Type int32(String name, int bits) {
        return org.apache.parquet.schema.Types.optional(PrimitiveTypeName.INT32)
                .as(LogicalTypeAnnotation.intType(bits, true)).named(name);
    }

    private static Type decimal(ColumnMeta column, String name) {
        int precision = precision(column);
        int scale = Math.max(0, Math.min(column.scale(), precision));
        LogicalTypeAnnotation decimal = LogicalTypeAnnotation.decimalType(scale, precision);
        if (precision <= 9) {
            return org.apache.parquet.schema.Types.optional(PrimitiveTypeName.INT32).as(decimal).named(name);
        }
        if (precision <= 18) {
            return org.apache.parquet.schema.Types.optional(PrimitiveTypeName.INT64).as(decimal).named(name);
        }
        return org.apache.parquet.schema.Types.optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY)
                .length(bytesFor(precision)).as(decimal).named(name);
    }

    /** The fewest bytes whose two's complement holds every unscaled value of {@code precision} digits. */
    static int bytesFor(int precision) {
        return (int) Math.ceil((precision * Math.log(10) / Math.log(2) + 1) / 8);
    }
}
