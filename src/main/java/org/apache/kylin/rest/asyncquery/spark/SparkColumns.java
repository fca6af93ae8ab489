package org.apache.kylin.rest.asyncquery.spark;

import java.sql.Types;
import java.util.List;

import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * Lines a planned Dataset up with the result's columns as the JDBC metadata declares them: one Spark column per
 * result column, in order, named {@code c0, c1, ...} (a Dataset's own names may be internal, or repeat), and cast to
 * the Spark type of its SQL type, so that the Spark route writes the values the JDBC route would (Kylin's Spark plan
 * may, for example, carry a SUM as decimal(29,6) where the result declares DECIMAL(19,4)).
 */
final class SparkColumns {
    private static final int MAX_DECIMAL_PRECISION = 38;

    private SparkColumns() {
    }

    static Dataset<Row> align(Dataset<Row> planned, List<ColumnMeta> columns) {
        String[] own = planned.columns();
        if (own.length != columns.size()) {
            throw new IllegalStateException("The Spark plan has " + own.length + " columns; the result declares "
                    + columns.size());
        }
        String[] names = new String[own.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = name(i);
        }
        // Renamed by position first: a plan's names may repeat.
        Dataset<Row> renamed = planned.toDF(names);
        Column[] aligned = new Column[names.length];
        for (int i = 0; i < names.length; i++) {
            Column column = renamed.col(names[i]);
            DataType current = renamed.schema().fields()[i].dataType();
            DataType target = sparkType(columns.get(i), current);
            aligned[i] = current.equals(target) ? column : column.cast(target).as(names[i]);
        }
        return renamed.select(aligned);
    }

    /** The name of the i-th aligned column. */
    static String name(int index) {
        return "c" + index;
    }

    /** The Spark type whose values the writers render as this SQL type's; TIME, which Spark lacks, as text. */
    static DataType sparkType(ColumnMeta column, DataType current) {
        switch (column.jdbcType()) {
            case Types.TINYINT:
                return DataTypes.ByteType;
            case Types.SMALLINT:
                return DataTypes.ShortType;
            case Types.INTEGER:
                return DataTypes.IntegerType;
            case Types.BIGINT:
                return DataTypes.LongType;
            case Types.DECIMAL:
            case Types.NUMERIC:
                if (column.precision() <= 0) {
                    return current; // the metadata does not say
                }
                int precision = Math.max(1, Math.min(column.precision(), MAX_DECIMAL_PRECISION));
                return DataTypes.createDecimalType(precision, Math.max(0, Math.min(column.scale(), precision)));
            case Types.REAL:
                return DataTypes.FloatType;
            case Types.FLOAT:
            case Types.DOUBLE:
                return DataTypes.DoubleType;
            case Types.BOOLEAN:
            case Types.BIT:
                return DataTypes.BooleanType;
            case Types.DATE:
                return DataTypes.DateType;
            case Types.TIMESTAMP:
                return DataTypes.TimestampType;
            default:
                return DataTypes.StringType;
        }
    }
}
