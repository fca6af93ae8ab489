package org.apache.kylin.rest.asyncquery.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Collections;
import java.util.List;
import javax.servlet.http.HttpServletRequest;

import org.apache.kylin.rest.asyncquery.service.AsyncQueryException;
import org.apache.kylin.rest.asyncquery.vocabulary.ErrorCode;
import org.junit.jupiter.api.Test;

class CrossSiteRequestGuardTest {
    private final CrossSiteRequestGuard guard = new CrossSiteRequestGuard(Collections.emptyList());

    @Test
    void theServerAsTheBrowserAddressedItIsItsOwnOriginWhateverTheSpelling() {
        allowed("POST", "kylin.example.com:7070", "Origin", "http://kylin.example.com:7070");
        allowed("POST", "Kylin.Example.COM:7070", "Origin", "HTTP://kylin.example.com:7070");
        allowed("POST", "kylin.example.com", "Origin", "http://kylin.example.com:80");
        allowed("POST", "kylin.example.com:80", "Origin", "http://kylin.example.com");
        allowed("POST", "kylin.example.com", "Origin", "https://kylin.example.com");
        allowed("POST", "[::1]:7070", "Origin", "http://[::1]:7070");
        allowed("POST", "backend:7070", "Origin", "https://kylin.example.com", "X-Forwarded-Host",
                "kylin.example.com");
        allowed("POST", "backend:7070", "Origin", "https://kylin.example.com", "Forwarded",
                "for=1.2.3.4;host=\"kylin.example.com\";proto=https, for=10.0.0.1");
    }

    @Test
    void anythingElseIsAnotherSite() {
        refused("POST", "kylin.example.com:7070", "Origin", "http://kylin.example.com:7071");
        refused("POST", "kylin.example.com", "Origin", "https://kylin.example.com:8443");
        refused("POST", "kylin.example.com:80", "Origin", "https://kylin.example.com");
        refused("POST", "kylin.example.com", "Origin", "http://evil.kylin.example.com");
        refused("POST", "kylin.example.com", "Origin", "http://kylin.example.com.evil.example");
        refused("POST", "[::1]:7070", "Origin", "http://[::2]:7070");
        refused("POST", "kylin.example.com", "Origin", "null");
        refused("POST", "kylin.example.com", "Origin", "not an origin");
        refused("POST", "kylin.example.com", "Origin", "http://user@kylin.example.com");
        refused("POST", "kylin.example.com", "Origin", "file:///etc/passwd");
        refused("POST", "a:b:c", "Origin", "http://a");
        refused("POST", "kylin.example.com:99999x", "Origin", "http://kylin.example.com");
        refused("POST", null, "Origin", "http://kylin.example.com");
        refused("POST", "backend", "Origin", "https://kylin.example.com", "X-Forwarded-Host",
                "proxy.internal, kylin.example.com");
    }

    @Test
    void fetchMetadataDecidesWhereTheBrowserSendsIt() {
        allowed("POST", "backend:7070", "Sec-Fetch-Site", "same-origin", "Origin", "https://kylin.example.com");
        allowed("POST", "backend:7070", "Sec-Fetch-Site", "none");
        refused("POST", "kylin.example.com", "Sec-Fetch-Site", "cross-site");
        refused("POST", "kylin.example.com", "Sec-Fetch-Site", "same-site");
        refused("POST", "kylin.example.com", "Sec-Fetch-Site", "Cross-Site", "Origin", "http://kylin.example.com");
        refused("POST", "kylin.example.com", "Sec-Fetch-Site", "something-new", "Origin", "http://evil.example");
    }

    @Test
    void everyMethodButTheSafeOnesIsChecked() {
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE", "post", "PROPFIND")) {
            refused(method, "kylin.example.com", "Origin", "http://evil.example");
        }
        for (String method : List.of("GET", "HEAD", "OPTIONS", "TRACE", "get")) {
            allowed(method, "kylin.example.com", "Origin", "http://evil.example", "Sec-Fetch-Site", "cross-site");
        }
    }

    @Test
    void clientsThatAreNotBrowsersSendNeitherHeaderAndPass() {
        allowed("POST", "kylin.example.com");
        allowed("DELETE", null);
    }

    @Test
    void configuredOriginsPassAndABadOneStopsStartUp() {
        CrossSiteRequestGuard configured = new CrossSiteRequestGuard(List.of("https://bi.example.com",
                "http://portal.example.com:8080"));
        configured.check(request("POST", "kylin", "Origin", "https://bi.example.com:443", "Sec-Fetch-Site",
                "cross-site"));
        configured.check(request("POST", "kylin", "Origin", "http://PORTAL.example.com:8080"));
        assertThat(catchThrowableOfType(() -> configured.check(request("POST", "kylin", "Origin",
                "http://bi.example.com")), AsyncQueryException.class).code()).isEqualTo(ErrorCode.CROSS_SITE_REQUEST);
        new CrossSiteRequestGuard(List.of("*")).check(request("POST", "kylin", "Origin", "http://evil.example",
                "Sec-Fetch-Site", "cross-site"));
        assertThatThrownBy(() -> new CrossSiteRequestGuard(List.of("bi.example.com")))
                .hasMessageContaining("kylin.query.async.allowed-origins").hasMessageContaining("'bi.example.com'");
    }

    @Test
    void theRefusalNamesWhereTheRequestCameFromAndWhatToDo() {
        AsyncQueryException refused = catchThrowableOfType(() -> guard.check(request("POST", "kylin", "Origin",
                "https://evil.example/" + "x".repeat(500))), AsyncQueryException.class);
        assertThat(refused.getMessage()).contains("Origin 'https://evil.example/xxx").contains("...")
                .contains("kylin.query.async.allowed-origins").hasSizeLessThan(400);
    }

    private void allowed(String method, String host, String... headers) {
        guard.check(request(method, host, headers));
    }

    private void refused(String method, String host, String... headers) {
        AsyncQueryException refused = catchThrowableOfType(() -> guard.check(request(method, host, headers)),
                AsyncQueryException.class);
        assertThat(refused).as(method + " Host " + host + " " + String.join(" ", headers)).isNotNull();
        assertThat(refused.code()).isEqualTo(ErrorCode.CROSS_SITE_REQUEST);
    }

    /** A FAKE request: Mockito over the servlet API, with the given method, Host and headers. */
    private static HttpServletRequest request(String method, String host, String... headers) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getMethod()).thenReturn(method);
        when(request.getHeader("Host")).thenReturn(host);
        for (int i = 0; i < headers.length; i += 2) {
            when(request.getHeader(headers[i])).thenReturn(headers[i + 1]);
        }
        return request;
    }
}
