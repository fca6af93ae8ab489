package org.apache.kylin.rest.asyncquery.format;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;
import org.apache.kylin.rest.asyncquery.vocabulary.Compression;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Parquet through parquet-hadoop, with real column types (see {@link ParquetSchemas}). Memory is bounded by one
 * row group ({@value #ROW_GROUP_BYTES} bytes), not by the result. The original column names are kept in the file's
 * key-value metadata under {@value #ORIGINAL_NAMES_KEY}, as the safe names Parquet needs may differ. Pages are
 * compressed by {@link PureJavaParquetCodecs}.
 */
final class ParquetResultWriter implements ResultWriter {
    static final String ORIGINAL_NAMES_KEY = "kylin.async_query.column_names";
    private static final int ROW_GROUP_BYTES = 16 * 1024 * 1024;

    private final ParquetWriter<Object[]> writer;

    ParquetResultWriter(OutputStream out, List<ColumnMeta> columns, CompressionCodecName codec) throws IOException {
        String[] names = ParquetSchemas.fieldNames(columns);
        MessageType schema = ParquetSchemas.of(columns, names);
        this.writer = new Builder(new StreamOutputFile(out), new RowWriteSupport(schema, columns))
                .withConf(new Configuration(false))
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCodecFactory(new PureJavaParquetCodecs())
                .withCompressionCodec(codec)
                .withRowGroupSize(ROW_GROUP_BYTES)
                .build();
    }

    /** Parquet's name for a compression the submit offers for Parquet. */
    static CompressionCodecName codecFor(Compression compression) {
        switch (compression) {
            case SNAPPY:
                return CompressionCodecName.SNAPPY;
            case ZSTD:
                return CompressionCodecName.ZSTD;
            case GZIP:
                return CompressionCodecName.GZIP;
            case NONE:
                return CompressionCodecName.UNCOMPRESSED;
            default:
                throw new IllegalArgumentException("No Parquet codec for " + compression);
        }
    }

    @Override
    public void writeRow(Object[] values) throws IOException {
        writer.write(values);
    }

    @Override
    public void finish() throws IOException {
        writer.close();
    }

    private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
        private final WriteSupport<Object[]> support;

        Builder(OutputFile file, WriteSupport<Object[]> support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(Configuration conf) {
            return support;
        }
    }

    /** Hands one row's values to Parquet's record consumer, converting each to its column's physical type. */
    private static final class RowWriteSupport extends WriteSupport<Object[]> {
        private final MessageType schema;
        private final List<ColumnMeta> columns;
        private RecordConsumer consumer;

        RowWriteSupport(MessageType schema, List<ColumnMeta> columns) {
            this.schema = schema;
            this.columns = columns;
        }

        @Override
        public WriteContext init(Configuration configuration) {
            Map<String, String> metadata = new HashMap<>();
            String[] original = new String[columns.size()];
            for (int i = 0; i < original.length; i++) {
                original[i] = columns.get(i).name();
            }
            try {
                metadata.put(ORIGINAL_NAMES_KEY, new ObjectMapper().writeValueAsString(original));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            return new WriteContext(schema, Collections.unmodifiableMap(metadata));
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(Object[] values) {
            consumer.startMessage();
            for (int i = 0; i < values.length; i++) {
                if (values[i] != null) {
                    PrimitiveType field = schema.getType(i).asPrimitiveType();
                    consumer.startField(field.getName(), i);
                    writeValue(field, values[i], i);
                    consumer.endField(field.getName(), i);
                }
            }
            consumer.endMessage();
        }

        private void writeValue(PrimitiveType field, Object value, int column) {
            LogicalTypeAnnotation logical = field.getLogicalTypeAnnotation();
            if (logical instanceof DecimalLogicalTypeAnnotation) {
                writeDecimal(field, (DecimalLogicalTypeAnnotation) logical, toDecimal(value), column);
                return;
            }
            switch (field.getPrimitiveTypeName()) {
                case BOOLEAN:
                    consumer.addBoolean((Boolean) value);
                    break;
                case INT32:
                    consumer.addInteger(value instanceof LocalDate ? (int) ((LocalDate) value).toEpochDay()
                            : ((Number) value).intValue());
                    break;
                case INT64:
                    consumer.addLong(value instanceof LocalDateTime ? micros((LocalDateTime) value)
                            : ((Number) value).longValue());
                    break;
                case FLOAT:
                    consumer.addFloat(((Number) value).floatValue());
                    break;
                case DOUBLE:
                    consumer.addDouble(((Number) value).doubleValue());
                    break;
                default:
                    consumer.addBinary(Binary.fromString(TextValues.format(value)));
            }
        }

        private void writeDecimal(PrimitiveType field, DecimalLogicalTypeAnnotation decimal, BigDecimal value,
                int column) {
            BigDecimal scaled;
            try {
                scaled = value.setScale(decimal.getScale(), RoundingMode.UNNECESSARY);
            } catch (ArithmeticException e) {
                throw notWritable(value, decimal, column);
            }
            if (scaled.precision() > decimal.getPrecision()) {
                throw notWritable(value, decimal, column);
            }
            switch (field.getPrimitiveTypeName()) {
                case INT32:
                    consumer.addInteger(scaled.unscaledValue().intValue());
                    break;
                case INT64:
                    consumer.addLong(scaled.unscaledValue().longValue());
                    break;
                default:
                    consumer.addBinary(Binary.fromConstantByteArray(
                            twosComplement(scaled.unscaledValue().toByteArray(), field.getTypeLength())));
            }
        }

        private ValueNotWritableException notWritable(BigDecimal value, DecimalLogicalTypeAnnotation decimal,
                int column) {
            return new ValueNotWritableException("Column " + columns.get(column).name() + " holds " + value.toPlainString()
                    + ", which does not fit its type DECIMAL(" + decimal.getPrecision() + "," + decimal.getScale()
                    + ").");
        }

        private static BigDecimal toDecimal(Object value) {
            return value instanceof BigDecimal ? (BigDecimal) value : new BigDecimal(value.toString());
        }

        private static long micros(LocalDateTime timestamp) {
            return timestamp.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + timestamp.getNano() / 1_000;
        }

        /** Sign-extends a big-endian two's complement number to exactly {@code length} bytes. */
        private static byte[] twosComplement(byte[] bytes, int length) {
            byte[] out = new byte[length];
            byte fill = bytes[0] < 0 ? (byte) 0xFF : 0;
            int pad = length - bytes.length;
            for (int i = 0; i < pad; i++) {
                out[i] = fill;
            }
            System.arraycopy(bytes, 0, out, pad, bytes.length);
            return out;
        }
    }
}
