package org.apache.kylin.rest.asyncquery.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * Joins Parquet part files of one schema into one valid Parquet file, in order, by copying their row groups as they
 * are: nothing is decoded, and memory holds one copy buffer and the footers, however big the parts. The first part's
 * key-value metadata (Spark's schema, for Spark readers) is kept.
 */
public final class ParquetPartsMerger {
    private ParquetPartsMerger() {
    }

    /** Writes the merged file to {@code out}, which stays open; returns the rows it holds. */
    public static long merge(List<RandomAccessBytes> parts, OutputStream out) throws IOException {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("No Parquet parts to merge");
        }
        FileMetaData first;
        try (ParquetFileReader reader = ParquetFileReader.open(new PartFile(parts.get(0)))) {
            first = reader.getFooter().getFileMetaData();
        }
        ParquetFileWriter writer = new ParquetFileWriter(new StreamOutputFile(out), first.getSchema(),
                ParquetFileWriter.Mode.OVERWRITE, org.apache.parquet.hadoop.ParquetWriter.DEFAULT_BLOCK_SIZE, 0);
        writer.start();
        long rows = 0;
        for (RandomAccessBytes part : parts) {
            try (ParquetFileReader reader = ParquetFileReader.open(new PartFile(part))) {
                for (BlockMetaData block : reader.getFooter().getBlocks()) {
                    rows += block.getRowCount();
                }
            }
            writer.appendFile(new PartFile(part));
        }
        Map<String, String> metadata = first.getKeyValueMetaData();
        writer.end(metadata);
        return rows;
    }

    /** A part as Parquet reads it: a seek reopens the part at the new position. */
    private static final class PartFile implements InputFile {
        private final RandomAccessBytes bytes;

        PartFile(RandomAccessBytes bytes) {
            this.bytes = bytes;
        }

        @Override
        public long getLength() {
            return bytes.length();
        }

        @Override
        public SeekableInputStream newStream() throws IOException {
            Reopening stream = new Reopening(bytes);
            return new DelegatingSeekableInputStream(stream) {
                @Override
                public long getPos() {
                    return stream.position;
                }

                @Override
                public void seek(long newPos) throws IOException {
                    stream.seek(newPos);
                }
            };
        }
    }

    private static final class Reopening extends InputStream {
        private final RandomAccessBytes bytes;
        private InputStream in;
        private long position;

        Reopening(RandomAccessBytes bytes) throws IOException {
            this.bytes = bytes;
            this.in = bytes.openAt(0);
        }

        void seek(long newPosition) throws IOException {
            if (newPosition != position) {
                in.close();
                in = bytes.openAt(newPosition);
                position = newPosition;
            }
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                position++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            int n = in.read(buffer, off, len);
            if (n > 0) {
                position += n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
