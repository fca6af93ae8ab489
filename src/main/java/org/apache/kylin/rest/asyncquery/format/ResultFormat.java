package org.apache.kylin.rest.asyncquery.format;

import java.util.Locale;
import java.util.Optional;

/** The file formats a result can be exported to, with what a download of each is labelled. */
public enum ResultFormat {
    CSV("csv", "text/csv");

    private final String extension;
    private final String mediaType;

    ResultFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    public String extension() {
        return extension;
    }

    public String mediaType() {
        return mediaType;
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
