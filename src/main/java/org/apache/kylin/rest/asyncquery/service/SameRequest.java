package org.apache.kylin.rest.asyncquery.service;

import java.util.Locale;

import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryRecord;

/**
 * When a submit asks for the same export as a recorded query: the same project (matched case-insensitively, as
 * projects are), the same SQL, the same paging and the same format options. A retry that differs is a conflict; a
 * reuse needs them all equal.
 */
final class SameRequest {
    private SameRequest() {
    }

    static boolean matches(QueryRecord record, SubmitRequest request) {
        return record.project().equalsIgnoreCase(request.project()) && record.sql().equals(request.sql())
                && record.paging().offset() == request.offset() && record.paging().limit() == request.limit()
                && record.formatOptions().equals(request.formatOptions());
    }

    /** One text for everything {@link #matches} compares: equal requests have equal texts. */
    static String fingerprint(SubmitRequest request) {
        return fingerprint(request.project(), request.sql(), request.offset(), request.limit(),
                request.formatOptions());
    }

    static String fingerprint(QueryRecord record) {
        return fingerprint(record.project(), record.sql(), record.paging().offset(), record.paging().limit(),
                record.formatOptions());
    }

    private static String fingerprint(String project, String sql, long offset, long limit, FormatOptions options) {
        // Each variable-length part is prefixed with its length, so no two different requests read alike.
        StringBuilder text = new StringBuilder(sql.length() + 128);
        String lowerProject = project.toLowerCase(Locale.ROOT);
        text.append(lowerProject.length()).append(':').append(lowerProject)
                .append('|').append(offset).append('|').append(limit)
                .append('|').append(options.format().name()).append('|').append((int) options.separator())
                .append('|').append(options.includeHeader()).append('|').append(options.encoding())
                .append('|').append(options.byteOrderMark()).append('|').append(options.jsonLines())
                .append('|').append(options.compression().name())
                .append('|').append(options.fileName().length()).append(':').append(options.fileName())
                .append('|').append(sql);
        return text.toString();
    }
}
