package org.apache.kylin.rest.asyncquery.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One page of a listing, in Kylin 5's shape: {@code {"value":[...],"offset":0,"limit":100,"total_size":N}}. */
@JsonPropertyOrder({"value", "offset", "limit", "total_size"})
public final class Page<T> {
    private final List<T> value;
    private final int offset;
    private final int limit;
    private final int totalSize;

    private Page(List<T> value, int offset, int limit, int totalSize) {
        this.value = value;
        this.offset = offset;
        this.limit = limit;
        this.totalSize = totalSize;
    }

    /** The page of {@code all} that starts at {@code offset} and holds at most {@code limit} items. */
    public static <T> Page<T> of(List<T> all, int offset, int limit) {
        int from = Math.min(offset, all.size());
        int to = Math.min(all.size(), from + limit);
        return new Page<>(all.subList(from, to), offset, limit, all.size());
    }

    @JsonProperty("value")
    public List<T> getValue() {
        return value;
    }

    @JsonProperty("offset")
    public int getOffset() {
        return offset;
    }

    @JsonProperty("limit")
    public int getLimit() {
        return limit;
    }

    @JsonProperty("total_size")
    public int getTotalSize() {
        return totalSize;
    }
}
