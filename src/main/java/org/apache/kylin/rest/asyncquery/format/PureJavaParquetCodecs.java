package org.apache.kylin.rest.asyncquery.format;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import io.airlift.compress.Compressor;
import io.airlift.compress.snappy.SnappyCompressor;
import io.airlift.compress.zstd.ZstdCompressor;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The page compressors of one Parquet writer, in pure Java so that the plugin jar carries no native code: Snappy
 * and Zstandard from aircompressor, GZIP from the JDK's Deflater, and none. Parquet's own factory would load
 * snappy-java and zstd-jni. Writing only: nothing here decompresses. Not thread-safe: one instance serves one
 * writer, and each compressor reuses its output buffer, which Parquet copies before it asks for the next page.
 */
final class PureJavaParquetCodecs implements CompressionCodecFactory {
    private final Map<CompressionCodecName, BytesInputCompressor> compressors =
            new EnumMap<>(CompressionCodecName.class);

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return compressors.computeIfAbsent(codec, PureJavaParquetCodecs::open);
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        throw new UnsupportedOperationException("These codecs only write Parquet");
    }

    @Override
    public void release() {
        compressors.clear();
    }

    private static BytesInputCompressor open(CompressionCodecName codec) {
        switch (codec) {
            case UNCOMPRESSED:
                return new Uncompressed();
            case SNAPPY:
                return new BlockCompressor(codec, new SnappyCompressor());
            case ZSTD:
                return new BlockCompressor(codec, new ZstdCompressor());
            case GZIP:
                return new GzipCompressor();
            default:
                throw new IllegalArgumentException("No pure-Java Parquet codec for " + codec);
        }
    }

    private static final class Uncompressed implements BytesInputCompressor {
        @Override
        public BytesInput compress(BytesInput bytes) {
            return bytes;
        }

        @Override
        public CompressionCodecName getCodecName() {
            return CompressionCodecName.UNCOMPRESSED;
        }

        @Override
        public void release() {
        }
    }

    /** A codec that compresses a whole page in one call into a buffer of its worst-case size. */
    private static final class BlockCompressor implements BytesInputCompressor {
        private final CompressionCodecName codec;
        private final Compressor compressor;
        private byte[] output = new byte[0];

        BlockCompressor(CompressionCodecName codec, Compressor compressor) {
            this.codec = codec;
            this.compressor = compressor;
        }

        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            byte[] input = bytes.toByteArray();
            int bound = compressor.maxCompressedLength(input.length);
            if (output.length < bound) {
                output = new byte[bound];
            }
            int length = compressor.compress(input, 0, input.length, output, 0, output.length);
            return BytesInput.from(output, 0, length);
        }

        @Override
        public CompressionCodecName getCodecName() {
            return codec;
        }

        @Override
        public void release() {
        }
    }

    /** GZIP members as Parquet's GZIP codec writes them, at zlib's default level, through the JDK's Deflater. */
    private static final class GzipCompressor implements BytesInputCompressor {
        private final ExposedBuffer output = new ExposedBuffer();

        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            output.reset();
            // The stream's close ends its Deflater, freeing zlib's native memory at once rather than at GC.
            try (GZIPOutputStream gzip = new GZIPOutputStream(output, 64 * 1024)) {
                bytes.writeAllTo(gzip);
            }
            return output.toBytesInput();
        }

        @Override
        public CompressionCodecName getCodecName() {
            return CompressionCodecName.GZIP;
        }

        @Override
        public void release() {
        }
    }

    /** A byte array stream whose content Parquet can read without another copy. */
    private static final class ExposedBuffer extends java.io.ByteArrayOutputStream {
        ExposedBuffer() {
            super(64 * 1024);
        }

        BytesInput toBytesInput() {
            return BytesInput.from(buf, 0, count);
        }
    }
}
