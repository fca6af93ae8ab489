package org.apache.kylin.rest.asyncquery.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.codegen.ByteCodeStats;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import scala.Tuple3;
import scala.collection.JavaConverters;

/**
 * The code Spark generates for the lines stays small enough for HotSpot to compile: a method over 8,000 bytes of
 * bytecode runs interpreted (HotSpot's DontCompileHugeMethods), and Spark only falls back at 65,535. For this
 * all-types table the CSV lines made methods of 12,461 bytes before SparkCsvFields quoted numbers without a regular
 * expression; for bench/spark-route's eight columns, a variant that inlined each number's text twice made 20,813
 * and wrote at half the speed. CSV only: Spark plans JSON's lines for this table without whole-stage code, so
 * there is no such method to measure.
 */
class SparkTextLinesCodeSizeTest {
    private static final int HOTSPOT_HUGE_METHOD_LIMIT = 8000;

    private static SparkSession spark;
    private static AwkwardTable table;
    private static Dataset<Row> rows;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.start();
        table = AwkwardTable.allTypes();
        rows = table.dataset(spark, table.inputs(1L, 10));
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    static Stream<Arguments> formats() {
        return Stream.of(
                Arguments.of("CSV ','", FormatOptions.builder().build(), false),
                Arguments.of("CSV ' ', formulas escaped", FormatOptions.builder().separator(' ').build(), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void everyGeneratedMethodIsSmallEnoughForHotSpotToCompile(String name, FormatOptions options,
            boolean escapeFormulas) {
        Dataset<Row> lines = new SparkTextLines(table.columns(), options, escapeFormulas).of(rows);

        int largest = 0;
        for (Tuple3<String, String, ByteCodeStats> subtree : JavaConverters.seqAsJavaList(
                org.apache.spark.sql.execution.debug.package$.MODULE$.codegenStringSeq(
                        lines.queryExecution().executedPlan()))) {
            largest = Math.max(largest, subtree._3().maxMethodCodeSize());
        }
        assertThat(largest).as("the largest generated method's bytecode, in bytes").isPositive()
                .isLessThanOrEqualTo(HOTSPOT_HUGE_METHOD_LIMIT);
    }
}
