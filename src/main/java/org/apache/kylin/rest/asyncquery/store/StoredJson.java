package org.apache.kylin.rest.asyncquery.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the store's JSON parsers share: reading a file into a tree and the typed reads of its fields, each of which
 * names the field it found wrong. Unknown fields are ignored, so a file written by a newer version still reads.
 */
final class StoredJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Writes one value with the generator {@code body} is given. */
    interface Body {
        void write(JsonGenerator out) throws IOException;
    }

    private StoredJson() {
    }

    static byte[] write(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator out = MAPPER.getFactory().createGenerator(bytes, JsonEncoding.UTF8)) {
            body.write(out);
        } catch (IOException e) {
            // Only the in-memory buffer is written to, which cannot fail.
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    static JsonNode read(InputStream in) throws IOException {
        JsonNode tree = MAPPER.readTree(in);
        if (tree == null || tree.isMissingNode()) {
            throw new MalformedStoredFileException("the file is empty");
        }
        return tree;
    }

    static JsonNode object(JsonNode node, String what) throws MalformedStoredFileException {
        if (node == null || !node.isObject()) {
            throw new MalformedStoredFileException(what + " is not a JSON object");
        }
        return node;
    }

    static String requiredText(JsonNode object, String field) throws MalformedStoredFileException {
        JsonNode value = object.get(field);
        if (value == null || !value.isTextual()) {
            throw new MalformedStoredFileException("'" + field + "' is missing or not a string");
        }
        return value.textValue();
    }

    /** The field's text, or {@code fallback} when it is absent or null (fields added by later versions). */
    static String optionalText(JsonNode object, String field, String fallback) throws MalformedStoredFileException {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual()) {
            throw new MalformedStoredFileException("'" + field + "' is not a string");
        }
        return value.textValue();
    }

    static long requiredLong(JsonNode object, String field) throws MalformedStoredFileException {
        Long value = optionalLong(object, field);
        if (value == null) {
            throw new MalformedStoredFileException("'" + field + "' is missing");
        }
        return value;
    }

    static Long optionalLong(JsonNode object, String field) throws MalformedStoredFileException {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new MalformedStoredFileException("'" + field + "' is not a whole number");
        }
        return value.longValue();
    }

    static int requiredInt(JsonNode object, String field) throws MalformedStoredFileException {
        long value = requiredLong(object, field);
        if (value != (int) value) {
            throw new MalformedStoredFileException("'" + field + "' is out of range");
        }
        return (int) value;
    }

    static boolean optionalBoolean(JsonNode object, String field) throws MalformedStoredFileException {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new MalformedStoredFileException("'" + field + "' is not true or false");
        }
        return value.booleanValue();
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String text, String field)
            throws MalformedStoredFileException {
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            throw new MalformedStoredFileException("'" + field + "' has the unknown value " + text);
        }
    }

    static void writeOptional(JsonGenerator out, String field, Long value) throws IOException {
        if (value != null) {
            out.writeNumberField(field, value);
        }
    }
}
