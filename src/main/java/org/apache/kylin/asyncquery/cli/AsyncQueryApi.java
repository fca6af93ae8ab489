package org.apache.kylin.asyncquery.cli;

import static java.util.Objects.requireNonNull;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The calls of the async query API the client makes, each one HTTP request (see the README's endpoint list). */
final class AsyncQueryApi {
    private final HttpApi http;

    AsyncQueryApi(HttpApi http) {
        this.http = requireNonNull(http, "http is null");
    }

    HttpApi http() {
        return http;
    }

    /** POST /async_query: the new (or, for a retried client_request_id, the existing) query's state. */
    QueryState submit(ObjectNode body) {
        return QueryState.of(http.call("POST", "", body));
    }

    QueryState status(String queryId) {
        return QueryState.of(http.call("GET", "/" + QueryIds.check(queryId) + "/status", null));
    }

    /** The result's size in bytes, as stored (what a download's Content-Length counts). */
    long fileStatus(String queryId) {
        JsonNode data = http.call("GET", "/" + QueryIds.check(queryId) + "/filestatus", null);
        if (!data.canConvertToLong()) {
            throw new CliException(ExitCode.REFUSED, "filestatus answered no size: " + data);
        }
        return data.asLong();
    }

    /** One page of the listing: {@code {"value":[...],"offset":..,"limit":..,"total_size":..}}. */
    JsonNode list(Map<String, Object> parameters) {
        return http.call("GET", HttpApi.query(parameters), null);
    }

    void delete(String queryId) {
        http.call("DELETE", "/" + QueryIds.check(queryId), null);
    }

    /** DELETE /async_query: everything the caller may delete, or with olderThan only finished ones before then. */
    void deleteAll(String olderThan) {
        Map<String, Object> parameters = HttpApi.parameters();
        parameters.put("older_than", olderThan);
        http.call("DELETE", HttpApi.query(parameters), null);
    }

    void stop(String queryId) {
        http.call("DELETE", "/stop/" + QueryIds.check(queryId), null);
    }
}
