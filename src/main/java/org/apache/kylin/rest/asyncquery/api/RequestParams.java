package org.apache.kylin.rest.asyncquery.api;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.apache.kylin.rest.asyncquery.service.AsyncQueryException;
import org.apache.kylin.rest.asyncquery.vocabulary.ErrorCode;

/** Checks query-string parameters, naming the parameter and what it should be when one is wrong. */
final class RequestParams {
    static final DateTimeFormatter OLDER_THAN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private RequestParams() {
    }

    static int intInRange(String name, String text, int defaultValue, int min, int max) {
        if (text == null || text.trim().isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new AsyncQueryException(ErrorCode.INVALID_REQUEST,
                "Parameter '" + name + "' must be a whole number from " + min + " to " + max + "; got '" + text + "'.");
    }

    /** A {@code yyyy-MM-dd HH:mm:ss} time in the server's time zone, as epoch milliseconds. */
    static long dateTime(String name, String text) {
        try {
            return LocalDateTime.parse(text.trim(), OLDER_THAN).atZone(ZoneId.systemDefault()).toInstant()
                    .toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new AsyncQueryException(ErrorCode.INVALID_REQUEST,
                    "Parameter '" + name + "' must be a time like 2024-01-31 23:59:59; got '" + text + "'.");
        }
    }

    /** A filter value, or null when absent or blank. */
    static String optional(String text) {
        return text == null || text.trim().isEmpty() ? null : text.trim();
    }
}
