package org.apache.kylin.asyncquery.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;

/** One answer of the status call: the query's status, its reason, and its progress where the server reports it. */
final class QueryState {
    static final String RUNNING = "RUNNING";
    static final String SUCCESSFUL = "SUCCESSFUL";
    static final String FAILED = "FAILED";
    static final String MISSING = "MISSING";

    private final JsonNode data;

    private QueryState(JsonNode data) {
        this.data = requireNonNull(data, "data is null");
    }

    /** From the {@code data} of a status or submit answer. */
    static QueryState of(JsonNode data) {
        if (!data.isObject() || !data.hasNonNull("status")) {
            throw new CliException(ExitCode.REFUSED, "the server's answer holds no query status: " + data);
        }
        return new QueryState(data);
    }

    String queryId() {
        return data.path("queryID").asText();
    }

    String status() {
        return data.path("status").asText();
    }

    String info() {
        return data.path("info").asText("");
    }

    boolean isRunning() {
        return RUNNING.equals(status());
    }

    boolean isSuccessful() {
        return SUCCESSFUL.equals(status());
    }

    /** Rows written so far (RUNNING), or the result's rows (SUCCESSFUL); -1 when the answer has neither. */
    long rows() {
        return number(isSuccessful() ? "result_rows" : "rows_written");
    }

    /** Bytes written so far (RUNNING), or the result's bytes (SUCCESSFUL); -1 when the answer has neither. */
    long bytes() {
        return number(isSuccessful() ? "result_bytes" : "bytes_written");
    }

    /** The place in the queue while the query waits for a thread (1 = next); -1 once it runs. */
    long queuePosition() {
        return number("queue_position");
    }

    private long number(String field) {
        JsonNode value = data.get(field);
        return value != null && value.canConvertToLong() ? value.asLong() : -1;
    }

    /** The answer's JSON, as the server sent it. */
    JsonNode json() {
        return data;
    }

    /** {@code ID STATUS info}, with the counts when there are some. */
    String line() {
        StringBuilder line = new StringBuilder(queryId()).append(' ').append(status());
        if (rows() >= 0) {
            line.append(' ').append(rows()).append(" rows");
        }
        if (bytes() >= 0) {
            line.append(' ').append(bytes()).append(" bytes");
        }
        if (queuePosition() >= 0) {
            line.append(" queued at ").append(queuePosition());
        }
        if (!info().isEmpty()) {
            line.append(": ").append(info());
        }
        return line.toString();
    }
}
