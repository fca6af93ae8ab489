package org.apache.kylin.rest.asyncquery.store;

import static org.apache.kylin.rest.asyncquery.store.StoredJson.object;
import static org.apache.kylin.rest.asyncquery.store.StoredJson.optionalLong;
import static org.apache.kylin.rest.asyncquery.store.StoredJson.requiredLong;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryProgress;

/** The on-disk JSON of a running query's progress ({@code progress.json}), rewritten on every heartbeat. */
final class ProgressParser {
    static final String QUEUE_POSITION = "queue_position";
    static final String STARTED_AT = "started_at";
    static final String ROWS_WRITTEN = "rows_written";
    static final String BYTES_WRITTEN = "bytes_written";

    private ProgressParser() {
    }

    static byte[] toJson(QueryProgress progress) {
        return StoredJson.write(out -> {
            out.writeStartObject();
            if (progress.queuePosition() != null) {
                out.writeNumberField(QUEUE_POSITION, progress.queuePosition());
            }
            StoredJson.writeOptional(out, STARTED_AT, progress.startedAtMillis());
            out.writeNumberField(ROWS_WRITTEN, progress.rowsWritten());
            out.writeNumberField(BYTES_WRITTEN, progress.bytesWritten());
            out.writeEndObject();
        });
    }

    static QueryProgress fromJson(InputStream in) throws IOException {
        JsonNode progress = object(StoredJson.read(in), "the progress");
        Long position = optionalLong(progress, QUEUE_POSITION);
        if (position != null && position != position.intValue()) {
            throw new MalformedStoredFileException("'" + QUEUE_POSITION + "' is out of range");
        }
        return new QueryProgress(position == null ? null : position.intValue(), optionalLong(progress, STARTED_AT),
                requiredLong(progress, ROWS_WRITTEN), requiredLong(progress, BYTES_WRITTEN));
    }
}
