package org.apache.kylin.rest.asyncquery.api;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Serves the API's OpenAPI 3 description at {@code GET /async_query/openapi.json}, to anyone: it describes the API,
 * it reveals nothing of a query. (A standalone server lets it through without credentials; in a Kylin host, Kylin's
 * authentication of {@code /api/**} applies unless the administrator permits the path.) The answer is negotiated
 * like every other JSON answer here, so an {@code Accept} that rules out JSON gets the same 406 envelope.
 */
@RestController
@RequestMapping("/async_query")
public class ApiDescriptionController {
    private final ApiDescription description;

    public ApiDescriptionController() {
        this.description = ApiDescription.load();
    }

    @GetMapping("/openapi.json")
    public JsonNode openApi() {
        return description.document();
    }
}
