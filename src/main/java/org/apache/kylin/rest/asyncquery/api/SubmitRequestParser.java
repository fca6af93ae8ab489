package org.apache.kylin.rest.asyncquery.api;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kylin.rest.asyncquery.config.ConfigKey;
import org.apache.kylin.rest.asyncquery.service.AsyncQueryException;
import org.apache.kylin.rest.asyncquery.service.SubmitRequest;
import org.apache.kylin.rest.asyncquery.vocabulary.Compression;
import org.apache.kylin.rest.asyncquery.vocabulary.ErrorCode;
import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;
import org.apache.kylin.rest.asyncquery.vocabulary.ResultFormat;

/**
 * Reads a submit body: a JSON object, or a one-element array holding one as the KAP document shows. Field names
 * follow both documents ({@code project} or {@code projectName}); unknown fields are ignored so that newer
 * clients keep working. Every rejection names the field and what it should be.
 */
final class SubmitRequestParser {
    static final String DEFAULT_PROJECT = "DEFAULT";
    static final int MAX_PROJECT_NAME_LENGTH = 256;
    private static final int MAX_FILE_NAME_CHARS = 200;
    static final int MAX_CLIENT_REQUEST_ID_CHARS = 128;
    static final int MAX_WAIT_TIMEOUT_SECONDS = 50;

    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final int maxSqlLength;

    SubmitRequestParser(int maxSqlLength) {
        this.maxSqlLength = maxSqlLength;
    }

    SubmitRequest parse(byte[] body) {
        return parse(body, null);
    }

    /** Parses a body sent with the given declared charset; null means none was declared (JSON's UTF-8/16/32). */
    SubmitRequest parse(byte[] body, String declaredCharset) {
        JsonNode root = readJson(body, declaredCharset);
        if (root.isArray()) {
            if (root.size() != 1) {
                throw invalid("A request body that is a JSON array must hold exactly one query object; it holds "
                        + root.size() + ".");
            }
            root = root.get(0);
        }
        if (!root.isObject()) {
            throw invalid("The request body must be a JSON object such as {\"sql\":\"select 1\",\"project\":\"DEFAULT\"}.");
        }
        String sql = text(root, "sql");
        if (sql == null || sql.trim().isEmpty()) {
            throw invalid("Field 'sql' is required and must hold the SQL to run.");
        }
        if (sql.length() > maxSqlLength) {
            throw new AsyncQueryException(ErrorCode.REQUEST_TOO_LARGE, "Field 'sql' is " + sql.length()
                    + " characters long; this server accepts at most " + maxSqlLength + " ("
                    + ConfigKey.MAX_SQL_LENGTH.key() + ").");
        }
        String project = text(root, "project");
        if (project == null) {
            project = text(root, "projectName");
        }
        if (project == null) {
            project = DEFAULT_PROJECT;
        } else if (project.trim().isEmpty()) {
            throw invalid("Field 'project' must name a project, or be left out to use " + DEFAULT_PROJECT + ".");
        } else if (project.trim().length() > MAX_PROJECT_NAME_LENGTH) {
            // An unknown project is recorded with its name, so the name's length is what a request can make us keep.
            throw invalid("Field 'project' is " + project.trim().length() + " characters long; a project name has at "
                    + "most " + MAX_PROJECT_NAME_LENGTH + ".");
        }
        FormatOptions options = formatOptions(root);
        return new SubmitRequest(sql, project.trim(), count(root, "offset"), count(root, "limit"), options,
                clientRequestId(root), waitTimeoutSeconds(root));
    }

    private JsonNode readJson(byte[] body, String declaredCharset) {
        if (body == null || body.length == 0) {
            throw invalid("The request body is empty; send a JSON object with at least the field 'sql'.");
        }
        try {
            Charset charset = charset(declaredCharset);
            JsonNode root = charset == null || charset.equals(StandardCharsets.UTF_8) ? json.readTree(body)
                    : json.readTree(new String(body, charset));
            if (root == null || root.isMissingNode()) {
                throw invalid("The request body is empty; send a JSON object with at least the field 'sql'.");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw invalid("The request body is not valid JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw invalid("The request body could not be read: " + e.getMessage());
        }
    }

    private static Charset charset(String name) {
        if (name == null || name.trim().isEmpty()) {
            return null;
        }
        try {
            return Charset.forName(name.trim());
        } catch (IllegalArgumentException e) {
            throw invalid("The request's charset '" + name + "' is not one this server knows; send UTF-8.");
        }
    }

    private static FormatOptions formatOptions(JsonNode root) {
        ResultFormat format = format(root);
        String encoding = encoding(root);
        boolean bom = flag(root, "bom", "bom");
        if (format != ResultFormat.CSV && !FormatOptions.UTF_8.equals(encoding)) {
            throw invalid("Field 'encode' applies to csv only; " + format.extension() + " is always UTF-8.");
        }
        if (bom && !FormatOptions.UTF_8.equals(encoding)) {
            throw invalid("Field 'bom' asks for a UTF-8 byte-order mark, which a " + encoding + " file cannot have.");
        }
        return FormatOptions.builder()
                .format(format)
                .separator(separator(root))
                .includeHeader(flag(root, "include_header", "includeHeader"))
                .encoding(encoding)
                .fileName(fileName(root))
                .byteOrderMark(bom)
                .jsonLines(flag(root, "json_lines", "jsonLines"))
                .compression(compression(root, format))
                .build();
    }

    /** Null when the request names none: the format's default. */
    private static Compression compression(JsonNode root, ResultFormat format) {
        String name = text(root, "compression");
        if (name == null) {
            return null;
        }
        Compression compression = Compression.named(name).orElse(null);
        if (compression == null || !compression.appliesTo(format)) {
            StringBuilder allowed = new StringBuilder();
            for (Compression each : Compression.allowedFor(format)) {
                allowed.append(allowed.length() == 0 ? "" : ", ").append(each.requestName());
            }
            String shown = name.length() > 32 ? name.substring(0, 32) + "..." : name;
            throw invalid("Field 'compression' is '" + shown + "'; " + format.extension() + " can be stored with: "
                    + allowed + ".");
        }
        return compression;
    }

    private static String encoding(JsonNode root) {
        String name = text(root, "encode");
        if (name == null) {
            return FormatOptions.UTF_8;
        }
        String canonical = name.trim().toLowerCase(java.util.Locale.ROOT);
        if (canonical.equals("utf-8") || canonical.equals("utf8")) {
            return FormatOptions.UTF_8;
        }
        if (canonical.equals("gbk")) {
            return FormatOptions.GBK;
        }
        throw invalid("Field 'encode' is '" + name + "'; supported encodings: utf-8, gbk.");
    }

    private static String fileName(JsonNode root) {
        String name = text(root, "file_name");
        if (name == null) {
            return FormatOptions.DEFAULT_FILE_NAME;
        }
        String trimmed = name.trim();
        if (trimmed.isEmpty() || trimmed.length() > MAX_FILE_NAME_CHARS) {
            throw invalid("Field 'file_name' must hold 1 to " + MAX_FILE_NAME_CHARS + " characters.");
        }
        return trimmed;
    }

    private static ResultFormat format(JsonNode root) {
        String name = text(root, "format");
        if (name == null) {
            return ResultFormat.CSV;
        }
        return ResultFormat.named(name.trim()).orElseThrow(
                () -> invalid("Field 'format' is '" + name + "'; supported formats: csv, json, xlsx, parquet."));
    }

    private static char separator(JsonNode root) {
        String separator = text(root, "separator");
        if (separator == null) {
            return FormatOptions.DEFAULT_SEPARATOR;
        }
        if (separator.length() != 1) {
            throw invalid("Field 'separator' must be exactly one character, such as \",\" or \"\\t\"; got "
                    + separator.length() + " characters.");
        }
        char c = separator.charAt(0);
        if (c == '"' || c == '\r' || c == '\n') {
            throw invalid("Field 'separator' cannot be a double quote or a line break: CSV uses those itself.");
        }
        return c;
    }

    /** Kept as sent (a retry must send the same characters); refused when blank or too long. */
    private static String clientRequestId(JsonNode root) {
        String id = text(root, "client_request_id");
        if (id == null) {
            return null;
        }
        if (id.trim().isEmpty() || id.length() > MAX_CLIENT_REQUEST_ID_CHARS) {
            throw invalid("Field 'client_request_id' must hold 1 to " + MAX_CLIENT_REQUEST_ID_CHARS
                    + " characters, not all blank; got " + id.length() + ".");
        }
        return id;
    }

    private static int waitTimeoutSeconds(JsonNode root) {
        long seconds = count(root, "wait_timeout_seconds");
        if (seconds > MAX_WAIT_TIMEOUT_SECONDS) {
            throw invalid("Field 'wait_timeout_seconds' must be a whole number from 0 to " + MAX_WAIT_TIMEOUT_SECONDS
                    + "; got " + seconds + ".");
        }
        return (int) seconds;
    }

    private static long count(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return 0;
        }
        long value;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            value = node.longValue();
        } else if (node.isTextual() && node.asText().trim().matches("-?\\d{1,18}")) {
            value = Long.parseLong(node.asText().trim());
        } else {
            throw invalid("Field '" + field + "' must be a whole number; got " + node + ".");
        }
        if (value < 0) {
            throw invalid("Field '" + field + "' must not be negative; got " + value + ".");
        }
        return value;
    }

    private static boolean flag(JsonNode root, String field, String alias) {
        String name = root.has(field) ? field : alias;
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return false;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual() && ("true".equalsIgnoreCase(node.asText()) || "false".equalsIgnoreCase(node.asText()))) {
            return Boolean.parseBoolean(node.asText());
        }
        throw invalid("Field '" + name + "' must be true or false; got " + node + ".");
    }

    /** A field's text; null when absent or JSON null; a refusal when it is not a string. */
    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw invalid("Field '" + field + "' must be a string; got " + node.getNodeType().name().toLowerCase(
                    java.util.Locale.ROOT) + ".");
        }
        return node.textValue();
    }

    private static AsyncQueryException invalid(String message) {
        return new AsyncQueryException(ErrorCode.INVALID_REQUEST, message);
    }
}
