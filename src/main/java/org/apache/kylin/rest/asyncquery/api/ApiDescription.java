package org.apache.kylin.rest.asyncquery.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * This API's OpenAPI 3 description, the resource {@code openapi.json} beside this class in the jar. It is read once;
 * a jar without it is a broken build, so that fails at start-up rather than at the first request.
 */
public final class ApiDescription {
    /** Where the description lies on the class path. */
    public static final String RESOURCE = "/org/apache/kylin/rest/asyncquery/api/openapi.json";

    private final JsonNode document;

    private ApiDescription(JsonNode document) {
        this.document = document;
    }

    /** Reads the description from the class path. */
    public static ApiDescription load() {
        try (InputStream in = ApiDescription.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The API description " + RESOURCE + " is missing from the class path");
            }
            return new ApiDescription(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the API description " + RESOURCE, e);
        }
    }

    /** The document (a copy: JSON trees are mutable). */
    public JsonNode document() {
        return document.deepCopy();
    }
}
