package org.apache.kylin.rest.asyncquery.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The {@code data} of {@code download_link}: {@code {"url","path","expires_at"}}: the link as an absolute URL, as
 * a path on this server (for a client that knows the server better, say behind a proxy), and when it expires
 * (epoch milliseconds).
 */
@JsonPropertyOrder({"url", "path", "expires_at"})
public final class DownloadLinkResponse {
    private final String url;
    private final String path;
    private final long expiresAtMillis;

    DownloadLinkResponse(String url, String path, long expiresAtMillis) {
        this.url = url;
        this.path = path;
        this.expiresAtMillis = expiresAtMillis;
    }

    @JsonProperty("url")
    public String getUrl() {
        return url;
    }

    @JsonProperty("path")
    public String getPath() {
        return path;
    }

    @JsonProperty("expires_at")
    public long getExpiresAt() {
        return expiresAtMillis;
    }
}
