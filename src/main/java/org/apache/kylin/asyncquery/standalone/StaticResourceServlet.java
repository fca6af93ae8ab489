package org.apache.kylin.asyncquery.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Serves the export page's files from {@code META-INF/resources/async-export/} on the class path, at
 * {@code /kylin/async-export/}: where a Kylin host serves the same files from the plugin jar (Servlet 3.0 serves a
 * jar's META-INF/resources), so the page has one address in both.
 */
final class StaticResourceServlet extends HttpServlet {
    static final String PATH = "/async-export";
    private static final long serialVersionUID = 1L;
    private static final String ROOT = "META-INF/resources" + PATH + "/";
    private static final Map<String, String> TYPES = new HashMap<>();

    static {
        TYPES.put("html", "text/html;charset=utf-8");
        TYPES.put("js", "application/javascript;charset=utf-8");
        TYPES.put("css", "text/css;charset=utf-8");
        TYPES.put("png", "image/png");
        TYPES.put("svg", "image/svg+xml");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getPathInfo() == null || "/".equals(request.getPathInfo()) ? "index.html"
                : request.getPathInfo().substring(1);
        if (!name.matches("[A-Za-z0-9_-]+\\.(html|js|css|png|svg)")) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        try (InputStream in = StaticResourceServlet.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            if (in == null) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            response.setContentType(TYPES.get(name.substring(name.lastIndexOf('.') + 1)));
            response.setHeader("Cache-Control", "no-cache");
            OutputStream out = response.getOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
            }
        }
    }
}
