package org.apache.kylin.rest.asyncquery.vocabulary;

import java.util.Locale;
import java.util.Optional;

/** The file formats a result can be exported to, with the file extension and media type of a download. */
public enum ResultFormat {
    CSV("csv", "text/csv", true),
    JSON("json", "application/json", true),
    XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", false),
    PARQUET("parquet", "application/vnd.apache.parquet", false);

    private final String extension;
    private final String mediaType;
    private final boolean text;

    ResultFormat(String extension, String mediaType, boolean text) {
        this.extension = extension;
        this.mediaType = mediaType;
        this.text = text;
    }

    /** The request's name for the format, also its usual file extension. */
    public String extension() {
        return extension;
    }

    public String mediaType() {
        return mediaType;
    }

    /** Whether the file is text: it has a character encoding, and compresses well on the fly. */
    public boolean isText() {
        return text;
    }

    /** The format named {@code name} in a request, case-insensitively. */
    public static Optional<ResultFormat> named(String name) {
        for (ResultFormat format : values()) {
            if (format.extension.equals(name.toLowerCase(Locale.ROOT))) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
