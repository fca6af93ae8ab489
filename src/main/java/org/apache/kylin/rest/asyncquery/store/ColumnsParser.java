package org.apache.kylin.rest.asyncquery.store;

import static org.apache.kylin.rest.asyncquery.store.StoredJson.object;
import static org.apache.kylin.rest.asyncquery.store.StoredJson.requiredInt;
import static org.apache.kylin.rest.asyncquery.store.StoredJson.requiredText;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;

/** The on-disk JSON of a result's columns ({@code columns.json}): an array, one object per column, in order. */
final class ColumnsParser {
    static final String NAME = "name";
    static final String TYPE_NAME = "type_name";
    static final String JDBC_TYPE = "jdbc_type";
    static final String PRECISION = "precision";
    static final String SCALE = "scale";

    private ColumnsParser() {
    }

    static byte[] toJson(List<ColumnMeta> columns) {
        return StoredJson.write(out -> {
            out.writeStartArray();
            for (ColumnMeta column : columns) {
                out.writeStartObject();
                out.writeStringField(NAME, column.name());
                out.writeStringField(TYPE_NAME, column.typeName());
                out.writeNumberField(JDBC_TYPE, column.jdbcType());
                out.writeNumberField(PRECISION, column.precision());
                out.writeNumberField(SCALE, column.scale());
                out.writeEndObject();
            }
            out.writeEndArray();
        });
    }

    static List<ColumnMeta> fromJson(InputStream in) throws IOException {
        JsonNode array = StoredJson.read(in);
        if (!array.isArray()) {
            throw new MalformedStoredFileException("the columns are not a JSON array");
        }
        List<ColumnMeta> columns = new ArrayList<>(array.size());
        for (JsonNode node : array) {
            JsonNode column = object(node, "a column");
            columns.add(new ColumnMeta(requiredText(column, NAME), requiredText(column, TYPE_NAME),
                    requiredInt(column, JDBC_TYPE), requiredInt(column, PRECISION), requiredInt(column, SCALE)));
        }
        return columns;
    }
}
