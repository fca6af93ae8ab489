package org.apache.kylin.rest.asyncquery.store;

import static org.apache.kylin.rest.asyncquery.store.StoredJson.enumValue;
import static org.apache.kylin.rest.asyncquery.store.StoredJson.object;
import static org.apache.kylin.rest.asyncquery.store.StoredJson.optionalLong;
import static org.apache.kylin.rest.asyncquery.store.StoredJson.requiredLong;
import static org.apache.kylin.rest.asyncquery.store.StoredJson.requiredText;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryOutcome;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryStatus;

/** The on-disk JSON of how a query ended ({@code outcome.json}); rows and bytes only for a SUCCESSFUL one. */
final class OutcomeParser {
    static final String STATUS = "status";
    static final String INFO = "info";
    static final String FINISHED_AT = "finished_at";
    static final String ROWS = "rows";
    static final String BYTES = "bytes";
    static final String ROUTE = "route";
    /** Only for a result stored compressed: its bytes before compression. */
    static final String UNCOMPRESSED_BYTES = "uncompressed_bytes";

    private OutcomeParser() {
    }

    static byte[] toJson(QueryOutcome outcome) {
        return StoredJson.write(out -> {
            out.writeStartObject();
            out.writeStringField(STATUS, outcome.status().name());
            out.writeStringField(INFO, outcome.info());
            out.writeNumberField(FINISHED_AT, outcome.finishedAtMillis());
            StoredJson.writeOptional(out, ROWS, outcome.rows());
            StoredJson.writeOptional(out, BYTES, outcome.bytes());
            if (outcome.route() != null) {
                out.writeStringField(ROUTE, outcome.route());
            }
            if (outcome.storedCompressed()) {
                out.writeNumberField(UNCOMPRESSED_BYTES, outcome.uncompressedBytes());
            }
            out.writeEndObject();
        });
    }

    /** A row or byte count: absent (a FAILED query, or an older version), or never negative. */
    private static Long count(JsonNode outcome, String field) throws MalformedStoredFileException {
        Long count = optionalLong(outcome, field);
        if (count != null && count < 0) {
            throw new MalformedStoredFileException("'" + field + "' is negative");
        }
        return count;
    }

    static QueryOutcome fromJson(InputStream in) throws IOException {
        JsonNode outcome = object(StoredJson.read(in), "the outcome");
        QueryStatus status = enumValue(QueryStatus.class, requiredText(outcome, STATUS), STATUS);
        if (!status.isTerminal()) {
            throw new MalformedStoredFileException("'" + STATUS + "' is " + status + ", not an end");
        }
        return new QueryOutcome(status, requiredText(outcome, INFO), requiredLong(outcome, FINISHED_AT),
                count(outcome, ROWS), count(outcome, BYTES), outcome.hasNonNull(ROUTE) ? outcome.get(ROUTE).asText() : null,
                count(outcome, UNCOMPRESSED_BYTES));
    }
}
