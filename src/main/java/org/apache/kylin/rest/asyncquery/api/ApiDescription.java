package org.apache.kylin.rest.asyncquery.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * This API's OpenAPI 3 description, the resource {@code openapi.json} beside this class in the jar. It is read once;
 * a jar without it is a broken build, so that fails at start-up rather than at the first request.
 */
public final class ApiDescription {
    /** Where the description lies on the class path. */
    public static final String RESOURCE = "/org/apache/kylin/rest/asyncquery/api/openapi.json";

    private final byte[] json;

    private ApiDescription(byte[] json) {
        this.json = json;
    }

    /** Reads the description from the class path. */
    public static ApiDescription load() {
        try (InputStream in = ApiDescription.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The API description " + RESOURCE + " is missing from the class path");
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                bytes.write(buffer, 0, n);
            }
            return new ApiDescription(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the API description " + RESOURCE, e);
        }
    }

    /** The document's UTF-8 bytes (a copy). */
    public byte[] json() {
        return Arrays.copyOf(json, json.length);
    }
}
