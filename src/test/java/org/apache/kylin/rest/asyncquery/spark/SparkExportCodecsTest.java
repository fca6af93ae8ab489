package org.apache.kylin.rest.asyncquery.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kylin.rest.asyncquery.vocabulary.Compression;
import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;
import org.apache.kylin.rest.asyncquery.vocabulary.ResultFormat;
import org.junit.jupiter.api.Test;

/** Which results Spark's executors may write: all but Parquet's zstd on a Spark older than 3.2 (Kylin 4's 3.1). */
class SparkExportCodecsTest {
    @Test
    void parquetZstdIsLeftToTheServersWriterOnSparkBeforeThreeTwo() {
        FormatOptions zstd = FormatOptions.builder().format(ResultFormat.PARQUET).compression(Compression.ZSTD).build();
        for (String old : new String[] {"3.1.3", "3.1.1", "3.0.0", "2.4.8", "3.1", "unknown"}) {
            assertThat(SparkExport.executorsCanWrite(zstd, old)).as(old).isFalse();
        }
        for (String recent : new String[] {"3.2.0", "3.5.7", "4.0.1", "10.0.0"}) {
            assertThat(SparkExport.executorsCanWrite(zstd, recent)).as(recent).isTrue();
        }
    }

    @Test
    void everyOtherCodecAndFormatStaysWithTheExecutors() {
        for (Compression codec : Compression.allowedFor(ResultFormat.PARQUET)) {
            if (codec != Compression.ZSTD) {
                assertThat(SparkExport.executorsCanWrite(FormatOptions.builder().format(ResultFormat.PARQUET)
                        .compression(codec).build(), "3.1.3")).as(codec.name()).isTrue();
            }
        }
        assertThat(SparkExport.executorsCanWrite(FormatOptions.csvDefaults(), "3.1.3")).isTrue();
        assertThat(SparkExport.executorsCanWrite(FormatOptions.builder().format(ResultFormat.JSON).build(), "3.1.3"))
                .isTrue();
    }
}
