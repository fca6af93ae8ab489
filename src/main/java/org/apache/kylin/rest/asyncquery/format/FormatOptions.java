package org.apache.kylin.rest.asyncquery.format;

import static java.util.Objects.requireNonNull;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/** How a result is written: the format, the field separator and whether a header row comes first. */
public final class FormatOptions {
    public static final char DEFAULT_SEPARATOR = ',';

    private final ResultFormat format;
    private final char separator;
    private final boolean includeHeader;

    @JsonCreator
    public FormatOptions(@JsonProperty("format") ResultFormat format, @JsonProperty("separator") char separator,
            @JsonProperty("include_header") boolean includeHeader) {
        this.format = requireNonNull(format, "format is null");
        this.separator = separator;
        this.includeHeader = includeHeader;
    }

    public static FormatOptions csvDefaults() {
        return new FormatOptions(ResultFormat.CSV, DEFAULT_SEPARATOR, false);
    }

    @JsonProperty("format")
    public ResultFormat format() {
        return format;
    }

    @JsonProperty("separator")
    public char separator() {
        return separator;
    }

    @JsonProperty("include_header")
    public boolean includeHeader() {
        return includeHeader;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FormatOptions)) {
            return false;
        }
        FormatOptions that = (FormatOptions) o;
        return format == that.format && separator == that.separator && includeHeader == that.includeHeader;
    }

    @Override
    public int hashCode() {
        return Objects.hash(format, separator, includeHeader);
    }
}
