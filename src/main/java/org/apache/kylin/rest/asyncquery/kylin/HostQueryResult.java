package org.apache.kylin.rest.asyncquery.kylin;

import static java.util.Objects.requireNonNull;

import java.util.List;

import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;

/** A result Kylin has already built in memory: its columns, its rows as Kylin's strings, or its failure. */
public final class HostQueryResult {
    private final List<ColumnMeta> columns;
    private final List<List<String>> rows;
    private final String failure;

    private HostQueryResult(List<ColumnMeta> columns, List<List<String>> rows, String failure) {
        this.columns = columns;
        this.rows = rows;
        this.failure = failure;
    }

    public static HostQueryResult of(List<ColumnMeta> columns, List<List<String>> rows) {
        return new HostQueryResult(requireNonNull(columns, "columns is null"), requireNonNull(rows, "rows is null"),
                null);
    }

    public static HostQueryResult failed(String failure) {
        return new HostQueryResult(null, null, requireNonNull(failure, "failure is null"));
    }

    public boolean isFailed() {
        return failure != null;
    }

    public String failure() {
        return failure;
    }

    public List<ColumnMeta> columns() {
        return columns;
    }

    public List<List<String>> rows() {
        return rows;
    }
}
