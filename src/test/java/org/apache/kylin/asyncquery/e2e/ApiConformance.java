package org.apache.kylin.asyncquery.e2e;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import org.apache.kylin.rest.asyncquery.api.ApiDescription;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * Holds every answer of the real server to the API description the server ships ({@code openapi.json}): its status
 * must be one the operation declares, its headers and its body must be what the document says for that status
 * (an {@code error_code} only under the status that code has). {@link ApiClient} sends every answer it receives
 * here, so every end-to-end test checks the document as a side effect. An answer for a path or method the document
 * does not have (the tests send some on purpose) must still be an error envelope.
 *
 * <p>What conformed is noted per server port, so that a test can ask which operations and error codes its own
 * server has shown to conform ({@link #seen}).
 */
final class ApiConformance {
    static final String BASE_PATH = "/kylin/api";
    static final OpenAPI API = parse(documentText());

    private static final ThreadLocal<ApiOperation> MATCHED = new ThreadLocal<>();
    private static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator.createForInlineApiSpecification(documentText())
            .withBasePathOverride(BASE_PATH)
            .withCustomResponseValidation((response, operation) -> {
                MATCHED.set(operation);
                return ValidationReport.empty();
            })
            .build();
    private static final SchemaValidator SCHEMAS = new SchemaValidator(API, new MessageResolver());
    private static final Set<String> NOT_IN_DOCUMENT = Set.of("validation.request.path.missing",
            "validation.request.operation.notAllowed");
    private static final Map<Integer, Set<String>> SEEN = new ConcurrentHashMap<>();

    private ApiConformance() {
    }

    /** The document as it lies in the jar: what the server serves at {@code openapi.json}. */
    static String documentText() {
        try (InputStream in = ApiDescription.class.getResourceAsStream(ApiDescription.RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses an OpenAPI document, failing on any message of the parser (an invalid document). */
    static OpenAPI parse(String document) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(document, null, options);
        if (result.getOpenAPI() == null || (result.getMessages() != null && !result.getMessages().isEmpty())) {
            throw new AssertionError("openapi.json is not a valid OpenAPI 3 document: " + result.getMessages());
        }
        return result.getOpenAPI();
    }

    /**
     * Checks one answer of the server listening on {@code port}, and notes it as seen there when it conforms.
     *
     * @throws AssertionError naming every way the answer differs from the document
     */
    static void check(int port, String method, URI uri, int status, Map<String, List<String>> headers, byte[] body) {
        String path = uri.getRawPath();
        if (!path.startsWith(BASE_PATH + "/")) {
            return;
        }
        // A 206 of a result stored compressed is a slice of the compressed bytes, which cannot be decoded alone.
        byte[] plain = status == 206 ? body : decoded(headers, body);
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
        headers.forEach((name, values) -> response.withHeader(name, values));
        if (plain.length > 0) {
            response.withBody(plain);
        }
        MATCHED.remove();
        ValidationReport report = VALIDATOR.validateResponse(path, Request.Method.valueOf(method.toUpperCase(
                Locale.ROOT)), response.build());
        ApiOperation operation = MATCHED.get();
        MATCHED.remove();
        // An empty result is an empty file, which OpenAPI 3.0 has no way to allow beside the formats it lists.
        boolean emptyFile = operation != null && plain.length == 0 && operation.getApiPath().original().matches(
                ".*/(result_download|result|link/\\{queryID})$");
        List<ValidationReport.Message> errors = report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .filter(m -> !(emptyFile && m.getKey().equals("validation.response.body.missing")))
                .collect(Collectors.toList());
        String where;
        if (operation == null && !errors.isEmpty() && errors.stream().allMatch(m -> NOT_IN_DOCUMENT.contains(m.getKey()))) {
            // A path or method the document does not have: the answer must still be an error envelope.
            errors = anErrorEnvelope(status, plain).getMessages();
            where = "(not in the document)";
        } else {
            where = operation == null ? "(no operation)" : operation.getMethod() + " " + operation.getApiPath().original();
        }
        if (!errors.isEmpty()) {
            throw new AssertionError("The answer to " + method + " " + uri + " does not conform to openapi.json ("
                    + where + ", HTTP " + status + "): " + errors.stream().map(m -> m.getKey() + ": " + m.getMessage())
                    .collect(Collectors.joining("; ")) + "\nBody: " + preview(plain));
        }
        note(port, where + " " + status + errorCode(plain).map(code -> " " + code).orElse(""));
    }

    /** What conformed on this port so far: {@code "GET /async_query/{queryID}/status 200"}, with a refusal's code. */
    static Set<String> seen(int port) {
        return new TreeSet<>(SEEN.getOrDefault(port, Set.of()));
    }

    /** Forgets what was seen on this port (a new server may get an old server's port). */
    static void forget(int port) {
        SEEN.remove(port);
    }

    private static void note(int port, String what) {
        SEEN.computeIfAbsent(port, p -> ConcurrentHashMap.newKeySet()).add(what);
    }

    private static ValidationReport anErrorEnvelope(int status, byte[] body) {
        if (status < 400) {
            return ValidationReport.singleton(ValidationReport.Message.create("conformance.status",
                    "a path or method outside the document answered HTTP " + status + ", not a refusal").build());
        }
        Schema<?> envelope = API.getComponents().getSchemas().get("ErrorEnvelope");
        return SCHEMAS.validate(new String(body, StandardCharsets.UTF_8), envelope, "response.body");
    }

    private static java.util.Optional<String> errorCode(byte[] body) {
        if (body.length == 0 || body[0] != '{') {
            return java.util.Optional.empty();
        }
        try {
            JsonNode code = ApiClient.JSON.readTree(body).path("error_code");
            return code.isTextual() ? java.util.Optional.of(code.asText()) : java.util.Optional.empty();
        } catch (IOException notJson) {
            return java.util.Optional.empty();
        }
    }

    /** The body as the server meant it: a gzip- or zstd-compressed download is compared uncompressed. */
    private static byte[] decoded(Map<String, List<String>> headers, byte[] body) {
        String coding = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Content-Encoding"))
                .flatMap(e -> e.getValue().stream()).map(v -> v.trim().toLowerCase(java.util.Locale.ROOT))
                .findFirst().orElse("");
        if (!(coding.equals("gzip") || coding.equals("zstd")) || body.length == 0) {
            return body;
        }
        try (InputStream in = coding.equals("gzip") ? new GZIPInputStream(new ByteArrayInputStream(body))
                : new io.airlift.compress.zstd.ZstdInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        } catch (IOException | RuntimeException e) {
            throw new AssertionError("A " + coding + "-encoded answer that is not " + coding, e);
        }
    }

    private static String preview(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() > 500 ? text.substring(0, 500) + "..." : text;
    }
}
