package org.apache.kylin.rest.asyncquery.store;

import static org.apache.kylin.rest.asyncquery.store.StoredJson.enumValue;
import static org.apache.kylin.rest.asyncquery.store.StoredJson.object;
import static org.apache.kylin.rest.asyncquery.store.StoredJson.optionalBoolean;
import static org.apache.kylin.rest.asyncquery.store.StoredJson.optionalLong;
import static org.apache.kylin.rest.asyncquery.store.StoredJson.optionalText;
import static org.apache.kylin.rest.asyncquery.store.StoredJson.requiredLong;
import static org.apache.kylin.rest.asyncquery.store.StoredJson.requiredText;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kylin.rest.asyncquery.vocabulary.Compression;
import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;
import org.apache.kylin.rest.asyncquery.vocabulary.Paging;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryRecord;
import org.apache.kylin.rest.asyncquery.vocabulary.ResultFormat;

/**
 * The on-disk JSON of a query's record ({@code query.json}) with its format options, read and written in this one
 * place. Options a record written by an older version lacks take their defaults.
 */
final class RecordParser {
    static final String QUERY_ID = "query_id";
    static final String OWNER = "owner";
    static final String PROJECT = "project";
    static final String SQL = "sql";
    static final String SUBMITTED_AT = "submitted_at";
    static final String NODE = "node";
    static final String FORMAT_OPTIONS = "format_options";
    static final String OFFSET = "offset";
    static final String LIMIT = "limit";
    static final String FORMAT = "format";
    static final String SEPARATOR = "separator";
    static final String INCLUDE_HEADER = "include_header";
    static final String ENCODING = "encoding";
    static final String FILE_NAME = "file_name";
    static final String BOM = "bom";
    static final String JSON_LINES = "json_lines";
    static final String COMPRESSION = "compression";

    private RecordParser() {
    }

    static byte[] toJson(QueryRecord record) {
        return StoredJson.write(out -> {
            out.writeStartObject();
            out.writeStringField(QUERY_ID, record.queryId().toString());
            out.writeStringField(OWNER, record.owner());
            out.writeStringField(PROJECT, record.project());
            out.writeStringField(SQL, record.sql());
            out.writeNumberField(SUBMITTED_AT, record.submittedAtMillis());
            out.writeStringField(NODE, record.node());
            out.writeFieldName(FORMAT_OPTIONS);
            writeOptions(out, record.formatOptions());
            out.writeNumberField(OFFSET, record.paging().offset());
            out.writeNumberField(LIMIT, record.paging().limit());
            out.writeEndObject();
        });
    }

    static QueryRecord fromJson(InputStream in) throws IOException {
        JsonNode record = object(StoredJson.read(in), "the record");
        String idText = requiredText(record, QUERY_ID);
        QueryId id = QueryId.parse(idText)
                .orElseThrow(() -> new MalformedStoredFileException("'" + QUERY_ID + "' is not a query ID"));
        JsonNode options = record.get(FORMAT_OPTIONS);
        return new QueryRecord(id, requiredText(record, OWNER), requiredText(record, PROJECT),
                requiredText(record, SQL), requiredLong(record, SUBMITTED_AT), requiredText(record, NODE),
                options == null || options.isNull() ? FormatOptions.csvDefaults() : readOptions(options),
                Paging.of(paging(record, OFFSET), paging(record, LIMIT)));
    }

    /** A record written before the paging was kept reads as "none sent". */
    private static long paging(JsonNode record, String field) throws MalformedStoredFileException {
        Long value = optionalLong(record, field);
        if (value != null && value < 0) {
            throw new MalformedStoredFileException("'" + field + "' is negative");
        }
        return value == null ? 0 : value;
    }

    private static void writeOptions(JsonGenerator out, FormatOptions options) throws IOException {
        out.writeStartObject();
        out.writeStringField(FORMAT, options.format().name());
        out.writeStringField(SEPARATOR, String.valueOf(options.separator()));
        out.writeBooleanField(INCLUDE_HEADER, options.includeHeader());
        out.writeStringField(ENCODING, options.encoding());
        out.writeStringField(FILE_NAME, options.fileName());
        out.writeBooleanField(BOM, options.byteOrderMark());
        out.writeBooleanField(JSON_LINES, options.jsonLines());
        out.writeStringField(COMPRESSION, options.compression().name());
        out.writeEndObject();
    }

    private static FormatOptions readOptions(JsonNode node) throws MalformedStoredFileException {
        JsonNode options = object(node, "'" + FORMAT_OPTIONS + "'");
        String separator = optionalText(options, SEPARATOR, String.valueOf(FormatOptions.DEFAULT_SEPARATOR));
        if (separator.length() != 1) {
            throw new MalformedStoredFileException("'" + SEPARATOR + "' is not one character");
        }
        ResultFormat format = enumValue(ResultFormat.class, optionalText(options, FORMAT, ResultFormat.CSV.name()),
                FORMAT);
        return FormatOptions.builder()
                .format(format)
                .separator(separator.charAt(0))
                .includeHeader(optionalBoolean(options, INCLUDE_HEADER))
                .encoding(optionalText(options, ENCODING, FormatOptions.UTF_8))
                .fileName(optionalText(options, FILE_NAME, FormatOptions.DEFAULT_FILE_NAME))
                .byteOrderMark(optionalBoolean(options, BOM))
                .jsonLines(optionalBoolean(options, JSON_LINES))
                .compression(compression(options, format))
                .build();
    }

    /** Null for a record written before compression was recorded: the format's default then. */
    private static Compression compression(JsonNode options, ResultFormat format)
            throws MalformedStoredFileException {
        String name = optionalText(options, COMPRESSION, null);
        if (name == null) {
            return null;
        }
        Compression compression = enumValue(Compression.class, name, COMPRESSION);
        if (!compression.appliesTo(format)) {
            throw new MalformedStoredFileException("'" + COMPRESSION + "' " + name + " does not apply to " + format);
        }
        return compression;
    }
}
