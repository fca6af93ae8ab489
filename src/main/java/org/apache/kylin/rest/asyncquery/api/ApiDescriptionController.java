package org.apache.kylin.rest.asyncquery.api;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the API's OpenAPI 3 description at {@code GET /async_query/openapi.json}, to anyone: it describes the API,
 * it reveals nothing of a query. (A standalone server lets it through without credentials; in a Kylin host, Kylin's
 * authentication of {@code /api/**} applies unless the administrator permits the path.)
 */
@RestController
@RequestMapping("/async_query")
public class ApiDescriptionController {
    private final ApiDescription description;

    public ApiDescriptionController() {
        this.description = ApiDescription.load();
    }

    @GetMapping(value = "/openapi.json", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<byte[]> openApi() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(description.json());
    }
}
