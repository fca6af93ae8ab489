package org.apache.kylin.rest.asyncquery.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.apache.hadoop.conf.Configuration;
import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;
import org.apache.kylin.rest.asyncquery.vocabulary.Compression;
import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;
import org.apache.kylin.rest.asyncquery.vocabulary.ResultFormat;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each Parquet codec the writer offers, compressed by {@link PureJavaParquetCodecs} and read back by readers that
 * decompress with other implementations: parquet-hadoop's own (snappy-java, zstd-jni, Hadoop's gzip) and DuckDB.
 * Every value must come back as written, and every column chunk must name the codec asked for.
 */
class ParquetCodecsTest {
    private static final List<ColumnMeta> COLUMNS = FormatRoundTripTest.COLUMNS;
    private static final int ROWS = 30_000;

    @TempDir
    Path temp;

    @ParameterizedTest
    @EnumSource(value = CompressionCodecName.class, names = {"UNCOMPRESSED", "SNAPPY", "ZSTD", "GZIP"})
    void everyValueReadsBackAndEveryChunkNamesTheCodec(CompressionCodecName codec) throws Exception {
        List<Object[]> rows = rows(ROWS, 7);
        Path file = write(codec, rows);

        assertThat(codecsOf(file)).containsExactly(codec.name());
        List<List<Object>> read = readWithParquetHadoop(file);
        assertThat(read).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertThat(read.get(i)).as("row " + i).containsExactlyElementsOf(Arrays.asList(rows.get(i)));
        }
        assertThat(summaryByDuckDb(file)).isEqualTo(summaryOf(rows));
    }

    @ParameterizedTest
    @EnumSource(value = CompressionCodecName.class, names = {"SNAPPY", "ZSTD", "GZIP"})
    void compressedFilesAreSmallerThanUncompressedOnes(CompressionCodecName codec) throws IOException {
        List<Object[]> rows = rows(ROWS, 11);
        assertThat(Files.size(write(codec, rows))).isLessThan(Files.size(write(CompressionCodecName.UNCOMPRESSED,
                rows)));
    }

    @Test
    void theDefaultIsSnappy() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultWriter writer = new ResultWriterFactory(false).open(out, COLUMNS,
                FormatOptions.builder().format(ResultFormat.PARQUET).build());
        writer.writeRow(FormatRoundTripTest.TRICKY);
        writer.finish();
        Path file = temp.resolve("default.parquet");
        Files.write(file, out.toByteArray());
        assertThat(codecsOf(file)).containsExactly("SNAPPY");
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void eachCompressionTheSubmitOffersForParquetReachesTheFooter(Compression compression) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultWriter writer = new ResultWriterFactory(false, true).open(out, COLUMNS,
                FormatOptions.builder().format(ResultFormat.PARQUET).compression(compression).build());
        for (Object[] row : rows(1000, 5)) {
            writer.writeRow(row);
        }
        writer.finish();
        Path file = temp.resolve(compression + ".parquet");
        Files.write(file, out.toByteArray());
        String expected = compression == Compression.NONE ? "UNCOMPRESSED" : compression.name();
        assertThat(codecsOf(file)).containsExactly(expected);
        assertThat(readWithParquetHadoop(file)).hasSize(1000);
    }

    @ParameterizedTest
    @EnumSource(value = CompressionCodecName.class, names = {"UNCOMPRESSED", "SNAPPY", "ZSTD", "GZIP"})
    void anEmptyResultAndAPageOfOneHugeValueReadBack(CompressionCodecName codec) throws IOException {
        assertThat(readWithParquetHadoop(write(codec, List.of()))).isEmpty();

        Random random = new Random(3);
        StringBuilder big = new StringBuilder();
        while (big.length() < 3 * 1024 * 1024) {
            big.append((char) ('a' + random.nextInt(26)));
        }
        Object[] huge = FormatRoundTripTest.TRICKY.clone();
        huge[0] = big + " 中文";
        List<List<Object>> read = readWithParquetHadoop(write(codec, List.of(huge, FormatRoundTripTest.NULLS)));
        assertThat(read.get(0)).containsExactlyElementsOf(Arrays.asList(huge));
        assertThat(read.get(1)).containsOnlyNulls();
    }

    @Test
    void aCodecWithoutAPureJavaCompressorIsRefused() {
        for (CompressionCodecName codec : List.of(CompressionCodecName.LZ4, CompressionCodecName.LZO,
                CompressionCodecName.BROTLI)) {
            assertThatThrownBy(() -> write(codec, List.of())).as(codec.name())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(codec.name());
        }
    }

    /** Rows of the round-trip test's columns: repeated and unique text, every sign, nulls here and there. */
    static List<Object[]> rows(int count, long seed) {
        Random random = new Random(seed);
        List<Object[]> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Object[] row = {
                random.nextInt(4) == 0 ? "unique " + random.nextLong() + " é中" : "city " + random.nextInt(50),
                random.nextInt(), random.nextLong(), BigDecimal.valueOf(random.nextInt(2_000_000) - 1_000_000, 4),
                new BigDecimal(new BigInteger(120, random), 10).negate(),
                LocalDate.ofEpochDay(random.nextInt(40_000) - 10_000),
                LocalDateTime.ofEpochSecond(random.nextInt(), random.nextInt(1_000_000) * 1000, ZoneOffset.UTC),
                random.nextDouble() * 1e6, random.nextBoolean()};
            if (random.nextInt(10) == 0) {
                row[random.nextInt(row.length)] = null;
            }
            rows.add(row);
        }
        return rows;
    }

    private Path write(CompressionCodecName codec, List<Object[]> rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultWriter writer = new ParquetResultWriter(out, COLUMNS, codec);
        for (Object[] row : rows) {
            writer.writeRow(row);
        }
        writer.finish();
        Path file = Files.createTempFile(temp, codec.name(), ".parquet");
        Files.write(file, out.toByteArray());
        return file;
    }

    private static Set<String> codecsOf(Path file) throws IOException {
        Set<String> codecs = new TreeSet<>();
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(hadoopPath(file),
                new Configuration()))) {
            for (BlockMetaData block : reader.getFooter().getBlocks()) {
                for (ColumnChunkMetaData column : block.getColumns()) {
                    codecs.add(column.getCodec().name());
                }
            }
        }
        return codecs;
    }

    /** Each row as the writer was handed it: DATE, TIMESTAMP and DECIMAL turned back from their Parquet forms. */
    private static List<List<Object>> readWithParquetHadoop(Path file) throws IOException {
        List<List<Object>> rows = new ArrayList<>();
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), hadoopPath(file))
                .withConf(new Configuration()).build()) {
            for (Group row = reader.read(); row != null; row = reader.read()) {
                List<Object> values = new ArrayList<>();
                values.add(has(row, "NAME") ? row.getString("NAME", 0) : null);
                values.add(has(row, "N") ? row.getInteger("N", 0) : null);
                values.add(has(row, "BIG") ? row.getLong("BIG", 0) : null);
                values.add(has(row, "PRICE") ? decimal(row, "PRICE", 4) : null);
                values.add(has(row, "HUGE") ? decimal(row, "HUGE", 10) : null);
                values.add(has(row, "DAY") ? LocalDate.ofEpochDay(row.getInteger("DAY", 0)) : null);
                values.add(has(row, "AT") ? timestamp(row.getLong("AT", 0)) : null);
                values.add(has(row, "RATIO") ? row.getDouble("RATIO", 0) : null);
                values.add(has(row, "OK") ? row.getBoolean("OK", 0) : null);
                rows.add(values);
            }
        }
        return rows;
    }

    private static boolean has(Group row, String field) {
        return row.getFieldRepetitionCount(field) > 0;
    }

    private static BigDecimal decimal(Group row, String field, int scale) {
        return new BigDecimal(new BigInteger(row.getBinary(field, 0).getBytes()), scale);
    }

    private static LocalDateTime timestamp(long micros) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
    }

    /** Row count, non-null names, the sums of the integer columns and the distinct days, as DuckDB reads them. */
    private static List<Object> summaryByDuckDb(Path file) throws SQLException {
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duck.createStatement();
                ResultSet result = statement.executeQuery("select count(*), count(NAME), sum(N)::varchar, "
                        + "sum(BIG)::varchar, count(distinct DAY) from read_parquet('" + file + "')")) {
            result.next();
            return List.of(result.getLong(1), result.getLong(2), result.getString(3), result.getString(4),
                    result.getLong(5));
        }
    }

    private static List<Object> summaryOf(List<Object[]> rows) {
        long names = 0;
        BigInteger n = BigInteger.ZERO;
        BigInteger big = BigInteger.ZERO;
        Set<Object> days = new java.util.HashSet<>();
        for (Object[] row : rows) {
            names += row[0] == null ? 0 : 1;
            n = row[1] == null ? n : n.add(BigInteger.valueOf((Integer) row[1]));
            big = row[2] == null ? big : big.add(BigInteger.valueOf((Long) row[2]));
            if (row[5] != null) {
                days.add(row[5]);
            }
        }
        return List.of((long) rows.size(), names, n.toString(), big.toString(), (long) days.size());
    }

    private static org.apache.hadoop.fs.Path hadoopPath(Path file) {
        return new org.apache.hadoop.fs.Path(file.toUri());
    }
}
