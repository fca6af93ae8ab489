package org.apache.kylin.rest.asyncquery.spark;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.decode;
import static org.apache.spark.sql.functions.encode;
import static org.apache.spark.sql.functions.hex;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.unhex;
import static org.apache.spark.sql.functions.when;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.apache.spark.sql.Column;

/**
 * One JSON value as {@code format.JsonResultWriter} writes it through Jackson, as a Spark expression: numbers as
 * JSON numbers (DECIMAL plain with its scale, REAL and DOUBLE as Float/Double.toString), NaN and the infinities
 * as strings, booleans bare, dates, times, timestamps and text as strings, NULL as {@code null}.
 */
final class SparkJsonValues {
    private static final JsonFactory JSON = new JsonFactory();

    private SparkJsonValues() {
    }

    /** The JSON of a column of {@code kind}, held in {@code value}. Never null. */
    static Column of(SparkColumnKind kind, Column value) {
        Column json;
        switch (kind) {
            case INTEGER:
            case BOOLEAN:
                json = value.cast("string");
                break;
            case DECIMAL:
                json = SparkValueText.of(kind, value);
                break;
            case REAL:
            case DOUBLE:
                // Jackson writes a float or double with Float/Double.toString ("1.0E7"), which is also Spark's
                // cast, and quotes those that are not JSON numbers.
                Column text = value.cast("string");
                json = when(text.isin("NaN", "Infinity", "-Infinity"), concat(lit("\""), text, lit("\"")))
                        .otherwise(text);
                break;
            default:
                json = string(SparkValueText.of(kind, value));
                break;
        }
        return when(value.isNull(), lit("null")).otherwise(json);
    }

    /**
     * {@code name} as a JSON string, escaped by the generator the writer uses for field names: Jackson's UTF-8
     * one, which also escapes the surrogates of a character outside the BMP.
     */
    static String literal(String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            generator.writeString(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    /**
     * {@code text} as a JSON string. Spark's to_json writes it with Jackson's character generator, which escapes
     * as the writer's does (quote, backslash, control characters) but for characters outside the BMP, which it
     * leaves as they are; "[...]" around it is cut off.
     */
    private static Column string(Column text) {
        Column array = to_json(array(text));
        Column json = array.substr(lit(2), length(array).minus(2));
        return when(text.rlike("[\\x{10000}-\\x{10FFFF}]"), escapeSurrogates(json)).otherwise(json);
    }

    /**
     * {@code json} with each character outside the BMP written as Jackson's UTF-8 generator writes it: its two
     * UTF-16 surrogates as escapes with upper-case hex digits ({@code \uD83D\uDE00} for U+1F600). Spark has no
     * function for that, so the text goes through its UTF-16 code units in hex, four digits each.
     */
    private static Column escapeSurrogates(Column json) {
        Column units = hex(encode(json, "UTF-16BE"));
        // Every four digits match one alternative, so the matches stay on unit boundaries: a surrogate becomes
        // <DXXX>, any other unit stays as it is (followed by an empty <>, dropped next).
        Column marked = regexp_replace(regexp_replace(units, "(D[89A-F][0-9A-F]{2})|([0-9A-F]{4})", "$2<$1>"),
                "<>", "");
        // <DXXX> becomes the units of the text "\\uDXXX": 005C 0075, then each digit's character, 0030-0039 for
        // 0-9 and 0041-0046 for A-F; ~ marks the digits still to be spelled.
        Column spelled = regexp_replace(regexp_replace(marked, "<(.)(.)(.)(.)>", "005C0075~$1~$2~$3~$4"),
                "~([0-9])", "003$1");
        for (char digit = 'A'; digit <= 'F'; digit++) {
            spelled = regexp_replace(spelled, "~" + digit, "004" + (digit - 'A' + 1));
        }
        return decode(unhex(spelled), "UTF-16BE");
    }
}
