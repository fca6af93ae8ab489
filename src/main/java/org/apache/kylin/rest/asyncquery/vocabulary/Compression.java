package org.apache.kylin.rest.asyncquery.vocabulary;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * How a result file is compressed at rest. Parquet compresses its pages inside the file (Snappy by default, as Spark
 * and Kylin do); CSV and JSON can be stored as one gzip or zstd stream (smaller on HDFS, and served as stored to a
 * client that accepts that encoding); XLSX is a zip already.
 */
public enum Compression {
    NONE("none"),
    SNAPPY("snappy"),
    ZSTD("zstd"),
    GZIP("gzip");

    private static final Set<Compression> TEXT = EnumSet.of(NONE, GZIP, ZSTD);
    private static final Set<Compression> PARQUET = EnumSet.of(SNAPPY, ZSTD, GZIP, NONE);

    private final String requestName;

    Compression(String requestName) {
        this.requestName = requestName;
    }

    /** The name a request uses, also the HTTP content coding for gzip and zstd. */
    public String requestName() {
        return requestName;
    }

    /** The compression a format gets when the request names none. */
    public static Compression defaultFor(ResultFormat format) {
        return format == ResultFormat.PARQUET ? SNAPPY : NONE;
    }

    /** The compressions a format can be stored with, in the order a message lists them. */
    public static Set<Compression> allowedFor(ResultFormat format) {
        switch (format) {
            case PARQUET:
                return PARQUET;
            case CSV:
            case JSON:
                return TEXT;
            default:
                return EnumSet.of(NONE);
        }
    }

    public boolean appliesTo(ResultFormat format) {
        return allowedFor(format).contains(this);
    }

    /** The compression named {@code name} in a request, case-insensitively. */
    public static Optional<Compression> named(String name) {
        for (Compression compression : values()) {
            if (compression.requestName.equals(name.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(compression);
            }
        }
        return Optional.empty();
    }
}
