package org.apache.kylin.rest.asyncquery.vocabulary;

import static java.util.Objects.requireNonNull;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * How a result is written and named: the format; for CSV the separator, header, encoding and byte-order mark; for
 * JSON whether it is JSON Lines; how the file is compressed at rest; and the download's file name. Immutable;
 * {@link #builder} makes one.
 */
public final class FormatOptions {
    public static final char DEFAULT_SEPARATOR = ',';
    public static final String DEFAULT_FILE_NAME = "result";
    public static final String UTF_8 = "utf-8";
    public static final String GBK = "gbk";

    private final ResultFormat format;
    private final char separator;
    private final boolean includeHeader;
    private final String encoding;
    private final String fileName;
    private final boolean byteOrderMark;
    private final boolean jsonLines;
    private final Compression compression;

    private FormatOptions(Builder builder) {
        this.format = requireNonNull(builder.format, "format is null");
        this.separator = builder.separator;
        this.includeHeader = builder.includeHeader;
        this.encoding = requireNonNull(builder.encoding, "encoding is null");
        this.fileName = requireNonNull(builder.fileName, "fileName is null");
        this.byteOrderMark = builder.byteOrderMark;
        this.jsonLines = builder.jsonLines;
        this.compression = builder.compression == null ? Compression.defaultFor(format) : builder.compression;
        if (!compression.appliesTo(format)) {
            throw new IllegalArgumentException(compression + " does not apply to " + format);
        }
    }

    public static FormatOptions csvDefaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public ResultFormat format() {
        return format;
    }

    public char separator() {
        return separator;
    }

    public boolean includeHeader() {
        return includeHeader;
    }

    /** "utf-8" or "gbk". */
    public String encoding() {
        return encoding;
    }

    public Charset charset() {
        return GBK.equals(encoding) ? Charset.forName("GBK") : StandardCharsets.UTF_8;
    }

    /** The download's file name without its extension, as the client asked for it. */
    public String fileName() {
        return fileName;
    }

    public boolean byteOrderMark() {
        return byteOrderMark;
    }

    public boolean jsonLines() {
        return jsonLines;
    }

    /** How the stored file is compressed; never null, the format's default when none was asked for. */
    public Compression compression() {
        return compression;
    }

    /**
     * Whether the file is text (CSV, JSON) stored as one gzip or zstd stream, rather than as it is; Parquet's
     * compression is inside its file.
     */
    public boolean storesCompressedText() {
        return format.isText() && compression != Compression.NONE;
    }

    /** The extension of the file: the format's, or "jsonl" for JSON Lines. */
    public String extension() {
        return format == ResultFormat.JSON && jsonLines ? "jsonl" : format.extension();
    }

    /** The download's Content-Type, with the charset for text formats. */
    public String contentType() {
        String type = format == ResultFormat.JSON && jsonLines ? "application/x-ndjson" : format.mediaType();
        return format.isText() ? type + ";charset=" + encoding : type;
    }

    /** The download's file name with the format's extension, unless the client already gave that extension. */
    public String downloadFileName() {
        String suffix = "." + extension();
        return fileName.toLowerCase(java.util.Locale.ROOT).endsWith(suffix) ? fileName : fileName + suffix;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FormatOptions)) {
            return false;
        }
        FormatOptions that = (FormatOptions) o;
        return format == that.format && separator == that.separator && includeHeader == that.includeHeader
                && encoding.equals(that.encoding) && fileName.equals(that.fileName)
                && byteOrderMark == that.byteOrderMark && jsonLines == that.jsonLines
                && compression == that.compression;
    }

    @Override
    public int hashCode() {
        return Objects.hash(format, separator, includeHeader, encoding, fileName, byteOrderMark, jsonLines,
                compression);
    }

    /** Collects options; every field starts at its default. */
    public static final class Builder {
        private ResultFormat format = ResultFormat.CSV;
        private char separator = DEFAULT_SEPARATOR;
        private boolean includeHeader;
        private String encoding = UTF_8;
        private String fileName = DEFAULT_FILE_NAME;
        private boolean byteOrderMark;
        private boolean jsonLines;
        private Compression compression;

        private Builder() {
        }

        public Builder format(ResultFormat value) {
            this.format = value;
            return this;
        }

        public Builder separator(char value) {
            this.separator = value;
            return this;
        }

        public Builder includeHeader(boolean value) {
            this.includeHeader = value;
            return this;
        }

        public Builder encoding(String value) {
            this.encoding = value;
            return this;
        }

        public Builder fileName(String value) {
            this.fileName = value;
            return this;
        }

        public Builder byteOrderMark(boolean value) {
            this.byteOrderMark = value;
            return this;
        }

        public Builder jsonLines(boolean value) {
            this.jsonLines = value;
            return this;
        }

        /** Null, the initial value, means the format's default. */
        public Builder compression(Compression value) {
            this.compression = value;
            return this;
        }

        public FormatOptions build() {
            return new FormatOptions(this);
        }
    }
}
