package org.apache.kylin.rest.asyncquery.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;
import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;
import org.apache.kylin.rest.asyncquery.vocabulary.ResultFormat;
import org.junit.jupiter.api.Test;

/**
 * The JSON writer prints decimals, dates, times and timestamps into an array and hands that to Jackson; before, it
 * handed Jackson each value's String. This compares the two byte for byte on random rows of every type, as an array
 * and as JSON Lines.
 */
class JsonResultWriterDifferentialTest {
    @Test
    void writesWhatTheGeneratorWroteFromTheTextForms() throws IOException {
        Random random = new Random(18);
        RandomValues values = new RandomValues(2);
        for (int round = 0; round < 2_000; round++) {
            int columnCount = 1 + random.nextInt(6);
            List<ColumnMeta> columns = new ArrayList<>();
            for (int c = 0; c < columnCount; c++) {
                String name = random.nextInt(4) == 0 ? values.text() : "C" + c;
                columns.add(new ColumnMeta(name, "VARCHAR", Types.VARCHAR, 0, 0));
            }
            FormatOptions options = FormatOptions.builder().format(ResultFormat.JSON)
                    .jsonLines(random.nextBoolean()).build();
            List<Object[]> rows = new ArrayList<>();
            for (int r = random.nextInt(20); r > 0; r--) {
                Object[] row = new Object[columnCount];
                for (int c = 0; c < columnCount; c++) {
                    row[c] = random.nextInt(20) == 0 ? new BigInteger(70, random) : values.any();
                }
                rows.add(row);
            }
            assertThat(written(columns, options, rows)).as("round " + round)
                    .isEqualTo(writtenFromStrings(columns, options, rows));
        }
    }

    private static byte[] written(List<ColumnMeta> columns, FormatOptions options, List<Object[]> rows)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultWriter writer = new ResultWriterFactory(false).open(out, columns, options);
        for (Object[] row : rows) {
            writer.writeRow(row);
        }
        writer.finish();
        return out.toByteArray();
    }

    /** The JSON writer as it was: each decimal, date, time and timestamp handed to the generator as a String. */
    private static byte[] writtenFromStrings(List<ColumnMeta> columns, FormatOptions options, List<Object[]> rows)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonGenerator json = new JsonFactory().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).createGenerator(out, JsonEncoding.UTF8);
        String[] names = UniqueNames.of(columns, UnaryOperator.identity());
        if (options.jsonLines()) {
            json.setRootValueSeparator(null);
        } else {
            json.writeStartArray();
        }
        for (Object[] row : rows) {
            json.writeStartObject();
            for (int i = 0; i < names.length; i++) {
                json.writeFieldName(names[i]);
                Object value = row[i];
                if (value == null) {
                    json.writeNull();
                } else if (value instanceof BigDecimal) {
                    json.writeNumber((BigDecimal) value);
                } else if (value instanceof BigInteger) {
                    json.writeNumber((BigInteger) value);
                } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                        || value instanceof Byte) {
                    json.writeNumber(((Number) value).longValue());
                } else if (value instanceof Double) {
                    json.writeNumber((Double) value);
                } else if (value instanceof Float) {
                    json.writeNumber((Float) value);
                } else if (value instanceof Boolean) {
                    json.writeBoolean((Boolean) value);
                } else {
                    json.writeString(TextValues.format(value));
                }
            }
            json.writeEndObject();
            if (options.jsonLines()) {
                json.writeRaw('\n');
            }
        }
        if (!options.jsonLines()) {
            json.writeEndArray();
            json.writeRaw('\n');
        }
        json.flush();
        return out.toByteArray();
    }
}
