package org.apache.kylin.rest.asyncquery.format;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;
import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;

/**
 * JSON, streamed through Jackson's generator: an array of objects ({@code [{"COL":1},...]}), or JSON Lines (one
 * object per line). Numbers are JSON numbers (DECIMAL in plain notation, scale kept; REAL as the shortest decimal
 * of its float), NULL is {@code null}; dates, times and timestamps are strings in the text forms of
 * {@link TextValues}, and so are NaN and the infinities, which JSON numbers cannot hold. Always UTF-8.
 *
 * <p>Decimals, dates, times and timestamps are printed into a small array and handed to the generator from there,
 * not as a String per value. Only generator methods that Jackson 2.10 (a Kylin 4 host's) has are called.
 */
final class JsonResultWriter implements ResultWriter {
    private static final JsonFactory FACTORY = new JsonFactory()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private final JsonGenerator json;
    private final String[] names;
    private final boolean lines;
    /** Where a value's text is printed before the generator copies it. */
    private final char[] printed = new char[TextValues.LONGEST_PRINTED];

    JsonResultWriter(OutputStream out, List<ColumnMeta> columns, FormatOptions options) throws IOException {
        this.json = FACTORY.createGenerator(out, JsonEncoding.UTF8);
        this.names = UniqueNames.of(columns, UnaryOperator.identity());
        this.lines = options.jsonLines();
        if (lines) {
            json.setRootValueSeparator(null);
        } else {
            json.writeStartArray();
        }
    }

    @Override
    public void writeRow(Object[] values) throws IOException {
        json.writeStartObject();
        for (int i = 0; i < names.length; i++) {
            json.writeFieldName(names[i]);
            writeValue(values[i]);
        }
        json.writeEndObject();
        if (lines) {
            json.writeRaw('\n');
        }
    }

    @Override
    public void finish() throws IOException {
        if (!lines) {
            json.writeEndArray();
            json.writeRaw('\n');
        }
        json.flush();
    }

    private void writeValue(Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof BigDecimal) {
            BigDecimal decimal = (BigDecimal) value;
            if (TextValues.printsDecimal(decimal)) {
                // writeRawValue separates it from its field name as writeNumber would, and adds nothing else.
                json.writeRawValue(printed, 0, TextValues.printDecimal(printed, 0, decimal));
            } else {
                json.writeNumber(decimal);
            }
        } else if (value instanceof BigInteger) {
            json.writeNumber((BigInteger) value);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            json.writeNumber(((Number) value).longValue());
        } else if ((value instanceof Double || value instanceof Float)
                && TextValues.printsWholeNumber(((Number) value).doubleValue())) {
            json.writeRawValue(printed, 0, TextValues.printWholeNumber(printed, 0, ((Number) value).doubleValue()));
        } else if (value instanceof Double) {
            json.writeNumber((Double) value);
        } else if (value instanceof Float) {
            // As a float: through double, 0.1f would be written 0.10000000149011612.
            json.writeNumber((Float) value);
        } else if (value instanceof Boolean) {
            json.writeBoolean((Boolean) value);
        } else if (value instanceof LocalDateTime && TextValues.printsTimestamp((LocalDateTime) value)) {
            json.writeString(printed, 0, TextValues.printTimestamp(printed, 0, (LocalDateTime) value));
        } else if (value instanceof LocalDate && TextValues.printsDate((LocalDate) value)) {
            json.writeString(printed, 0, TextValues.printDate(printed, 0, (LocalDate) value));
        } else if (value instanceof LocalTime) {
            json.writeString(printed, 0, TextValues.printTime(printed, 0, (LocalTime) value));
        } else {
            json.writeString(TextValues.format(value));
        }
    }
}
