package org.apache.kylin.asyncquery.standalone;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * {@code GET /kylin/metrics}: every meter in Prometheus' text format, for a Prometheus scrape. The standalone
 * server's alone: a Kylin host reports through JMX instead, since Kylin's security lets anyone read
 * {@code /api/**}{@code /metrics}. Administrators only ({@link StandaloneSecurityConfig}): the numbers describe
 * every user's activity, which only administrators see elsewhere in this API.
 */
final class PrometheusEndpoint extends HttpServlet {
    /** In the context, outside the API's {@code /api/*}: it is the server's, not part of the async query API. */
    static final String PATH = "/metrics";
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    PrometheusEndpoint(PrometheusMeterRegistry registry) {
        this.registry = requireNonNull(registry, "registry is null");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(CONTENT_TYPE);
        response.setHeader("Cache-Control", "no-store");
        registry.scrape(response.getOutputStream());
    }
}
