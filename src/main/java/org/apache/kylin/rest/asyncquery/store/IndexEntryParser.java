package org.apache.kylin.rest.asyncquery.store;

import static org.apache.kylin.rest.asyncquery.store.StoredJson.object;
import static org.apache.kylin.rest.asyncquery.store.StoredJson.requiredLong;
import static org.apache.kylin.rest.asyncquery.store.StoredJson.requiredText;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;

/** The on-disk JSON of an index entry ({@code _requests/{hash}}, {@code _reuse/{hash}}), read and written here. */
final class IndexEntryParser {
    static final String QUERY_ID = "query_id";
    static final String OWNER = "owner";
    static final String CREATED_AT = "created_at";

    private IndexEntryParser() {
    }

    static byte[] toJson(QueryId queryId, String owner, long createdAtMillis) {
        return StoredJson.write(out -> {
            out.writeStartObject();
            out.writeStringField(QUERY_ID, queryId.toString());
            out.writeStringField(OWNER, owner);
            out.writeNumberField(CREATED_AT, createdAtMillis);
            out.writeEndObject();
        });
    }

    static IndexEntry fromJson(QueryIndex.Kind kind, String fileName, InputStream in) throws IOException {
        JsonNode entry = object(StoredJson.read(in), "the index entry");
        QueryId id = QueryId.parse(requiredText(entry, QUERY_ID))
                .orElseThrow(() -> new MalformedStoredFileException("'" + QUERY_ID + "' is not a query ID"));
        return new IndexEntry(kind, fileName, id, requiredText(entry, OWNER), requiredLong(entry, CREATED_AT));
    }
}
