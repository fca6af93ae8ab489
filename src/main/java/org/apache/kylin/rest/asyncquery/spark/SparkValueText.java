package org.apache.kylin.rest.asyncquery.spark;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.rtrim;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;

/**
 * The text forms of {@code format.TextValues}, as Spark expressions built from Spark's own functions only, so that
 * executors need none of our classes. Each method takes a column of a non-null value and gives its text; a null
 * stays null.
 */
final class SparkValueText {
    /**
     * BigDecimal.toString (what Spark's decimal-to-string cast gives) in E-notation: a digit, maybe a fraction,
     * then the exponent ("1.000E-7", "0E-10", and "1.2E+4" for a negative scale).
     */
    private static final String DECIMAL_E_NOTATION = "^(-?)([0-9])(?:\\.([0-9]+))?E([-+]?)([0-9]+)\\z";
    /**
     * Double.toString and Float.toString in E-notation ("1.0E7", "1.2345E-5"), the fraction's trailing zeros
     * outside group 3, as BigDecimal.stripTrailingZeros drops them in TextValues.
     */
    private static final String FLOATING_E_NOTATION = "^(-?)([0-9])\\.([0-9]*?)0*E(-?)([0-9]+)\\z";
    /** Enough zeros to pad the largest exponent in play: a double's 324. */
    private static final String ZEROS = new String(new char[400]).replace('\0', '0');

    private SparkValueText() {
    }

    /** The text of a value of {@code kind}, held in {@code value}. */
    static Column of(SparkColumnKind kind, Column value) {
        switch (kind) {
            case TEXT:
                return value;
            case TIME:
                return time(value);
            case INTEGER:
            case BOOLEAN:
                return value.cast("string");
            case DECIMAL:
                return plain(value.cast("string"), DECIMAL_E_NOTATION);
            case REAL:
            case DOUBLE:
                return plain(value.cast("string"), FLOATING_E_NOTATION);
            case DATE:
                return date_format(value, "yyyy-MM-dd");
            case TIMESTAMP:
                // date_format works in the session's time zone, as the driver's reading of a timestamp does. Its
                // fraction always has six digits, so trimming zeros stops at the '.' at the latest: two trims do
                // what the two regular expressions of withoutTrailingFractionZeros do, at a fraction of the cost.
                return rtrim(rtrim(date_format(value, "yyyy-MM-dd HH:mm:ss.SSSSSS"), "0"), ".");
            default:
                throw new AssertionError(kind);
        }
    }

    /**
     * A TIME carried as "HH:mm[:ss[.fraction]]" in the form of TextValues.formatTime: seconds always, the fraction
     * only when it is not zero, and without trailing zeros (as LocalTime.parse, then formatTime, gives it).
     */
    private static Column time(Column text) {
        Column withSeconds = when(length(text).equalTo(5), concat(text, lit(":00"))).otherwise(text);
        return withoutTrailingFractionZeros(withSeconds);
    }

    /** "12:00:00.120" to "12:00:00.12", "12:00:00.000" to "12:00:00"; text without a fraction stays as it is. */
    private static Column withoutTrailingFractionZeros(Column text) {
        return regexp_replace(regexp_replace(text, "(\\.[0-9]*?)0+\\z", "$1"), "\\.\\z", "");
    }

    /**
     * {@code text}, a number that may be in E-notation matched by {@code eNotation} (groups: sign, first digit,
     * fraction, exponent sign, exponent), in plain notation: BigDecimal.toPlainString of that number.
     */
    private static Column plain(Column text, String eNotation) {
        Column sign = regexp_extract(text, eNotation, 1);
        Column digit = regexp_extract(text, eNotation, 2);
        Column fraction = regexp_extract(text, eNotation, 3);
        Column exponent = regexp_extract(text, eNotation, 5).cast("int");
        Column negativeExponent = regexp_extract(text, eNotation, 4).equalTo("-");
        // d.fffE-n is 0.(n-1 zeros)dfff: with a negative exponent the integer part is 0.
        Column small = concat(sign, lit("0."), zeros(exponent.minus(1)), digit, fraction);
        // d.fffE+n moves the point n places right, padding with zeros when the fraction is shorter than n.
        Column large = when(digit.equalTo("0"), lit("0"))
                .when(length(fraction).leq(exponent), concat(sign, digit, fraction,
                        zeros(exponent.minus(length(fraction)))))
                .otherwise(concat(sign, digit, fraction.substr(lit(1), exponent), lit("."),
                        fraction.substr(exponent.plus(1), lit(ZEROS.length()))));
        return when(text.contains("E"), when(negativeExponent, small).otherwise(large)).otherwise(text);
    }

    private static Column zeros(Column count) {
        return lit(ZEROS).substr(lit(1), count);
    }
}
