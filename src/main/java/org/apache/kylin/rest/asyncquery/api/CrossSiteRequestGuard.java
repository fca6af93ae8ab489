package org.apache.kylin.rest.asyncquery.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.servlet.http.HttpServletRequest;

import org.apache.kylin.rest.asyncquery.config.ConfigKey;
import org.apache.kylin.rest.asyncquery.service.AsyncQueryException;
import org.apache.kylin.rest.asyncquery.vocabulary.ErrorCode;

/**
 * Refuses a state-changing request (anything but GET, HEAD, OPTIONS and TRACE) that a browser sends from another
 * site's page: the browser would attach the user's remembered Basic credentials or session cookie, so the request
 * would act as the signed-in user. A browser says where a request comes from in headers no page can set:
 * {@code Sec-Fetch-Site} ({@code same-origin} and {@code none} pass; {@code same-site} and {@code cross-site} do not:
 * a sibling host or another port is another origin) and, on every cross-origin POST, {@code Origin}, which must
 * then name this server as the client addressed it ({@code Host}, or behind a proxy {@code X-Forwarded-Host} or
 * {@code Forwarded: host=}). A request with neither header comes from a client that is not a browser (curl, a
 * Kylin client) and passes. Origins in {@link ConfigKey#ALLOWED_ORIGINS} pass too.
 */
final class CrossSiteRequestGuard {
    private static final Set<String> SAFE_METHODS = new HashSet<>(Arrays.asList("GET", "HEAD", "OPTIONS", "TRACE"));
    private static final int MAX_ECHOED_CHARS = 100;

    private final boolean anyOrigin;
    private final Set<Origin> allowed;

    CrossSiteRequestGuard(List<String> allowedOrigins) {
        boolean any = false;
        Set<Origin> origins = new HashSet<>();
        for (String configured : allowedOrigins) {
            if (configured.equals("*")) {
                any = true;
                continue;
            }
            Origin origin = Origin.parse(configured);
            if (origin == null) {
                throw new IllegalArgumentException(ConfigKey.ALLOWED_ORIGINS.key() + " must list origins such as "
                        + "https://bi.example.com:8443, or *; '" + configured + "' is not one");
            }
            origins.add(origin);
        }
        this.anyOrigin = any;
        this.allowed = Collections.unmodifiableSet(origins);
    }

    /** Refuses with CROSS_SITE_REQUEST a state-changing request from another site's web page. */
    void check(HttpServletRequest request) {
        if (SAFE_METHODS.contains(request.getMethod().toUpperCase(Locale.ROOT))) {
            return;
        }
        String originHeader = request.getHeader("Origin");
        Origin origin = originHeader == null ? null : Origin.parse(originHeader);
        if (origin != null && (anyOrigin || allowed.contains(origin))) {
            return;
        }
        String site = request.getHeader("Sec-Fetch-Site");
        site = site == null ? "" : site.trim().toLowerCase(Locale.ROOT);
        if (site.equals("same-origin") || site.equals("none")) {
            return;
        }
        boolean foreign = site.equals("cross-site") || site.equals("same-site");
        if (!foreign && (originHeader == null || (origin != null && origin.isServerAsAddressedBy(request)))) {
            return;
        }
        String from = originHeader != null ? "Origin '" + abbreviate(originHeader) + "'" : "Sec-Fetch-Site: " + site;
        throw new AsyncQueryException(ErrorCode.CROSS_SITE_REQUEST, "This request comes from a web page of "
                + "another site (" + from + "). Queries are submitted, stopped and deleted only from this server's "
                + "own pages, from origins in " + ConfigKey.ALLOWED_ORIGINS.key() + ", or by clients that are not "
                + "web browsers.");
    }

    private static String abbreviate(String text) {
        return text.length() > MAX_ECHOED_CHARS ? text.substring(0, MAX_ECHOED_CHARS) + "..." : text;
    }

    /** A web origin: scheme, host and port (the scheme's default when none is written). */
    static final class Origin {
        private final String scheme;
        private final String host;
        private final int port;

        private Origin(String scheme, String host, int port) {
            this.scheme = scheme;
            this.host = host;
            this.port = port;
        }

        /** The origin, or null for anything else (including the opaque origin "null"). */
        static Origin parse(String text) {
            try {
                URI uri = new URI(text.trim());
                if (uri.getScheme() == null || uri.getHost() == null || uri.getRawUserInfo() != null) {
                    return null;
                }
                String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
                int port = uri.getPort() != -1 ? uri.getPort() : defaultPort(scheme);
                return new Origin(scheme, uri.getHost().toLowerCase(Locale.ROOT), port);
            } catch (URISyntaxException e) {
                return null;
            }
        }

        /** Whether the request was sent to this origin's host and port, directly or through a proxy. */
        boolean isServerAsAddressedBy(HttpServletRequest request) {
            return isAuthority(request.getHeader("Host")) || isAuthority(first(request.getHeader("X-Forwarded-Host")))
                    || isAuthority(forwardedHost(request.getHeader("Forwarded")));
        }

        /** Whether {@code host[:port]} (a Host header's form) names this origin; a missing port is the scheme's. */
        boolean isAuthority(String authority) {
            if (authority == null || authority.trim().isEmpty()) {
                return false;
            }
            String value = authority.trim().toLowerCase(Locale.ROOT);
            int portAt;
            if (value.startsWith("[")) {
                portAt = value.indexOf(']') + 1;
                if (portAt == 0) {
                    return false;
                }
            } else {
                portAt = value.indexOf(':');
                if (portAt != value.lastIndexOf(':')) {
                    return false;
                }
                portAt = portAt < 0 ? value.length() : portAt;
            }
            String rest = value.substring(portAt);
            int otherPort;
            if (rest.isEmpty()) {
                otherPort = defaultPort(scheme);
            } else if (rest.matches(":\\d{1,5}")) {
                otherPort = Integer.parseInt(rest.substring(1));
            } else {
                return false;
            }
            return host.equals(value.substring(0, portAt)) && port == otherPort;
        }

        private static String first(String list) {
            return list == null ? null : list.split(",", 2)[0];
        }

        /** The host of the first element of an RFC 7239 {@code Forwarded} header. */
        private static String forwardedHost(String forwarded) {
            String element = first(forwarded);
            if (element == null) {
                return null;
            }
            for (String pair : element.split(";")) {
                String[] nameValue = pair.trim().split("=", 2);
                if (nameValue.length == 2 && nameValue[0].trim().equalsIgnoreCase("host")) {
                    return nameValue[1].trim().replace("\"", "");
                }
            }
            return null;
        }

        private static int defaultPort(String scheme) {
            switch (scheme) {
                case "http":
                    return 80;
                case "https":
                    return 443;
                default:
                    return -1;
            }
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof Origin)) {
                return false;
            }
            Origin that = (Origin) other;
            return scheme.equals(that.scheme) && host.equals(that.host) && port == that.port;
        }

        @Override
        public int hashCode() {
            return (scheme.hashCode() * 31 + host.hashCode()) * 31 + port;
        }
    }
}
