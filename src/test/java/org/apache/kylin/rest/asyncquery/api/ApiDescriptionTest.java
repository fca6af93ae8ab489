package org.apache.kylin.rest.asyncquery.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kylin.rest.asyncquery.vocabulary.ErrorCode;
import org.junit.jupiter.api.Test;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * The API description ({@code openapi.json}) is a valid OpenAPI 3.0 document, names every error code with the
 * status {@link ErrorStatus} gives it, and describes every endpoint the controller maps. Whether the server's
 * answers are what it says is checked against the running server (the e2e package's {@code ApiConformance}).
 */
class ApiDescriptionTest {
    private static final Pattern REFUSED = Pattern.compile("Refused(\\d{3})");

    private static final OpenAPI API = parse();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void isAValidOpenApi3DocumentThatTheServerLoads() throws IOException {
        assertThat(API.getOpenapi()).startsWith("3.0.");
        assertThat(API.getPaths()).isNotEmpty();
        assertThat(ApiDescription.load().document()).isEqualTo(JSON.readTree(documentBytes()));
        assertThat(API.getComponents().getSecuritySchemes().get("basicAuth").getScheme()).isEqualTo("basic");
    }

    @Test
    void namesExactlyTheErrorCodesOfErrorCodeEachUnderItsStatus() {
        Map<String, Integer> documented = documentedCodes();
        assertThat(documented).isEqualTo(Arrays.stream(ErrorCode.values())
                .collect(Collectors.toMap(Enum::name, ErrorStatus::of, (a, b) -> a, TreeMap::new)));
        assertThat(enumOf(API.getComponents().getSchemas().get("ErrorEnvelope")))
                .as("the generic error envelope's codes").containsExactlyInAnyOrderElementsOf(documented.keySet());
    }

    @Test
    void describesExactlyTheEndpointsTheControllersMap() {
        assertThat(documentedOperations()).isEqualTo(mappedOperations());
    }

    @Test
    void everyOperationIsNamedAndEveryIdentifiedOneRefusesABadId() {
        API.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            assertThat(operation.getOperationId()).as(method + " " + path).isNotBlank();
            assertThat(operation.getResponses()).as(method + " " + path).containsKey("500");
            if (path.contains("{queryID}")) {
                assertThat(operation.getResponses()).as(method + " " + path).containsKey("400");
            }
        }));
    }

    /** Each error code and the status of the {@code Refused<status>} response that lists it. */
    static Map<String, Integer> documentedCodes() {
        Map<String, Integer> codes = new TreeMap<>();
        API.getComponents().getResponses().forEach((name, response) -> {
            Matcher refused = REFUSED.matcher(name);
            if (refused.matches()) {
                int status = Integer.parseInt(refused.group(1));
                for (String code : enumOf(schemaOf(response))) {
                    assertThat(codes.put(code, status)).as(code + " is listed under one status only").isNull();
                }
            }
        });
        return codes;
    }

    private static Schema<?> schemaOf(ApiResponse response) {
        Schema<?> schema = response.getContent().get("application/json").getSchema();
        String ref = schema.get$ref();
        return ref == null ? schema : API.getComponents().getSchemas().get(ref.substring(ref.lastIndexOf('/') + 1));
    }

    private static List<String> enumOf(Schema<?> envelope) {
        return ((Schema<?>) envelope.getProperties().get("error_code")).getEnum().stream().map(String::valueOf)
                .collect(Collectors.toList());
    }

    static Set<String> documentedOperations() {
        Set<String> operations = new TreeSet<>();
        for (Map.Entry<String, PathItem> path : API.getPaths().entrySet()) {
            path.getValue().readOperationsMap().keySet().forEach(method -> operations.add(method + " " + path.getKey()));
        }
        return operations;
    }

    /** What the controller's Spring mappings answer, spelled as the document spells it. */
    static Set<String> mappedOperations() {
        Set<String> operations = new TreeSet<>();
        for (Class<?> controller : List.of(AsyncQueryController.class)) {
            String base = AnnotatedElementUtils.findMergedAnnotation(controller, RequestMapping.class).path()[0];
            for (Method method : controller.getDeclaredMethods()) {
                RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(method, RequestMapping.class);
                if (mapping == null) {
                    continue;
                }
                String[] paths = mapping.path().length == 0 ? new String[] {""} : mapping.path();
                for (String path : paths) {
                    for (RequestMethod verb : mapping.method()) {
                        operations.add(verb + " " + (base + path).replace("{queryId}", "{queryID}"));
                    }
                }
            }
        }
        return operations;
    }

    private static byte[] documentBytes() {
        try (InputStream in = ApiDescription.class.getResourceAsStream(ApiDescription.RESOURCE)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static OpenAPI parse() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(
                new String(documentBytes(), StandardCharsets.UTF_8), null, options);
        assertThat(result.getMessages()).as("the parser's complaints").isNullOrEmpty();
        return result.getOpenAPI();
    }
}
