package org.apache.kylin.rest.asyncquery.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;
import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;
import org.apache.kylin.rest.asyncquery.vocabulary.ResultFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parquet parts joined into one file by copying row groups: every row, in order, one valid file. */
class ParquetPartsMergerTest {
    private static final List<ColumnMeta> COLUMNS = List.of(new ColumnMeta("N", "BIGINT", Types.BIGINT, 19, 0),
            new ColumnMeta("TEXT", "VARCHAR", Types.VARCHAR, 100, 0));

    @TempDir
    Path temp;

    @Test
    void joinsPartsInOrderIntoOneValidFileWithEveryRowGroup() throws IOException {
        List<RandomAccessBytes> parts = new ArrayList<>();
        long expected = 0;
        for (int part = 0; part < 3; part++) {
            int rows = part == 1 ? 0 : 1000 * (part + 1);
            parts.add(bytes(part(part * 10_000L, rows)));
            expected += rows;
        }
        Path merged = temp.resolve("merged.parquet");
        try (OutputStream out = Files.newOutputStream(merged)) {
            assertThat(ParquetPartsMerger.merge(parts, out)).isEqualTo(expected);
        }

        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(merged.toUri());
        Configuration conf = new Configuration();
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(path, conf))) {
            assertThat(reader.getRecordCount()).isEqualTo(expected);
            assertThat(reader.getFooter().getFileMetaData().getKeyValueMetaData())
                    .containsKey(ParquetResultWriter.ORIGINAL_NAMES_KEY);
        }
        List<Long> read = new ArrayList<>();
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), path).withConf(conf).build()) {
            for (Group row = reader.read(); row != null; row = reader.read()) {
                read.add(row.getLong("N", 0));
                assertThat(row.getString("TEXT", 0)).isEqualTo("row " + row.getLong("N", 0));
            }
        }
        List<Long> want = new ArrayList<>();
        for (long n = 0; n < 1000; n++) {
            want.add(n);
        }
        for (long n = 20_000; n < 23_000; n++) {
            want.add(n);
        }
        assertThat(read).isEqualTo(want);
    }

    private static byte[] part(long first, int rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultWriter writer = new ResultWriterFactory(false).open(out, COLUMNS,
                FormatOptions.builder().format(ResultFormat.PARQUET).build());
        for (long n = first; n < first + rows; n++) {
            writer.writeRow(new Object[] {n, "row " + n});
        }
        writer.finish();
        return out.toByteArray();
    }

    private static RandomAccessBytes bytes(byte[] content) {
        return new RandomAccessBytes() {
            @Override
            public long length() {
                return content.length;
            }

            @Override
            public InputStream openAt(long position) {
                return new ByteArrayInputStream(content, (int) position, content.length - (int) position);
            }
        };
    }
}
