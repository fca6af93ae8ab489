package org.apache.kylin.asyncquery.standalone;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicReference;

import javax.servlet.DispatcherType;
import javax.servlet.FilterRegistration;
import javax.servlet.ServletContextEvent;
import javax.servlet.ServletContextListener;
import javax.servlet.ServletRegistration;
import javax.servlet.http.HttpServletResponse;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.WebResourceRoot;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.webresources.StandardRoot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.filter.CharacterEncodingFilter;
import org.springframework.web.filter.DelegatingFilterProxy;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The standalone server: an embedded Tomcat serving the async query API at {@code /kylin/api/*} and the export
 * page at {@code /kylin/async-export/}, laid out as in a Kylin host (context {@code /kylin}, Spring's dispatcher at
 * {@code /api/*}, the page from the jar's {@code META-INF/resources}, Spring Security in front).
 */
public final class StandaloneServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StandaloneServer.class);
    static final String CONTEXT_PATH = "/kylin";
    /** The export page's folder, in the context and under the jar's {@code META-INF/resources}. */
    static final String PAGE_PATH = "/async-export";
    private static final String RESOURCES = "/META-INF/resources";
    private static final String PAGE_INDEX = RESOURCES.substring(1) + PAGE_PATH + "/index.html";

    private final Tomcat tomcat;
    private final File baseDir;

    private StandaloneServer(Tomcat tomcat, File baseDir) {
        this.tomcat = tomcat;
        this.baseDir = baseDir;
    }

    public static void main(String[] args) {
        // Tomcat logs through java.util.logging; send it to the same place as everything else.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        CalciteCharsets.applyUnlessSet();
        StandaloneOptions options;
        try {
            options = StandaloneOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try {
            StandaloneServer server = start(options);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "async-query-shutdown"));
            if (options.portFile() != null) {
                writePortFile(options.portFile(), server.port());
            }
            LOG.info("Async query server listening on http://localhost:{}{}/api/async_query", server.port(),
                    CONTEXT_PATH);
            server.tomcat.getServer().await();
        } catch (Exception e) {
            LOG.error("The async query server could not start: {}", e.getMessage(), e);
            System.exit(1);
        }
    }

    /** Writes the port whole or not at all (a temporary file, then a rename), so a reader never sees half of it. */
    private static void writePortFile(Path file, int port) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temporary, (port + "\n").getBytes(StandardCharsets.US_ASCII));
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Starts a server; it serves until {@link #close}. Fails with the cause if the application cannot start. */
    public static StandaloneServer start(StandaloneOptions options) throws Exception {
        return start(options, new Class<?>[0]);
    }

    /**
     * Starts a server with more Spring configuration registered after its own, so that a bean defined there
     * replaces the server's bean of the same name (the benchmarks swap in another query engine this way).
     */
    public static StandaloneServer start(StandaloneOptions options, Class<?>... extraConfiguration)
            throws Exception {
        requireNonNull(options, "options is null");
        CalciteCharsets.applyUnlessSet();
        File baseDir = Files.createTempDirectory("async-query-tomcat").toFile();
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.getAbsolutePath());
        tomcat.setPort(options.port());
        Connector connector = tomcat.getConnector();
        setProperty(connector, "socket.appWriteBufSize", String.valueOf(256 * 1024));
        boundConnections(connector);
        tomcat.getEngine().getPipeline().addValve(new UnreadBodyValve());
        ((StandardHost) tomcat.getHost()).setErrorReportValveClass(EnvelopeErrorReportValve.class.getName());
        // No folder of its own: the context's only files are the export page's, from the jar.
        Context context = tomcat.addContext(CONTEXT_PATH, null);
        context.setLoader(new ApplicationClassLoader());
        servePage(context);
        AtomicReference<Exception> failure = new AtomicReference<>();
        context.addServletContainerInitializer((classes, servletContext) -> {
            AnnotationConfigWebApplicationContext app = new AnnotationConfigWebApplicationContext();
            app.register(StandaloneAppConfig.class);
            if (extraConfiguration.length > 0) {
                app.register(extraConfiguration);
            }
            app.addBeanFactoryPostProcessor(factory -> factory.registerSingleton("standaloneOptions", options));
            app.setServletContext(servletContext);
            try {
                app.refresh();
            } catch (RuntimeException e) {
                failure.set(e);
                throw e;
            }
            servletContext.addListener(new ServletContextListener() {
                @Override
                public void contextDestroyed(ServletContextEvent event) {
                    app.close();
                }
            });
            servletContext.addServlet("metrics", new PrometheusEndpoint(app.getBean(PrometheusMeterRegistry.class)))
                    .addMapping(PrometheusEndpoint.PATH);
            ServletRegistration.Dynamic dispatcher = servletContext.addServlet("kylin", new DispatcherServlet(app));
            dispatcher.addMapping("/api/*");
            dispatcher.setLoadOnStartup(1);
            // The page's files change with each release of the jar: a browser revalidates them on each use.
            servletContext.addFilter("async-export-page-caching", (request, response, chain) -> {
                ((HttpServletResponse) response).setHeader("Cache-Control", "no-cache");
                chain.doFilter(request, response);
            }).addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, PAGE_PATH + "/*");
            // Requests that declare no charset are UTF-8 (path variables included), as in a Kylin host.
            FilterRegistration.Dynamic encoding = servletContext.addFilter("characterEncoding",
                    new CharacterEncodingFilter(StandardCharsets.UTF_8.name()));
            encoding.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
            FilterRegistration.Dynamic security = servletContext.addFilter("springSecurityFilterChain",
                    new DelegatingFilterProxy("springSecurityFilterChain", app));
            security.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        }, Collections.emptySet());
        tomcat.start();
        StandaloneServer server = new StandaloneServer(tomcat, baseDir);
        if (failure.get() != null || context.getState() != LifecycleState.STARTED) {
            server.close();
            Exception cause = failure.get();
            throw cause != null ? cause : new IllegalStateException("The web application did not start");
        }
        return server;
    }

    /**
     * Serves the export page as a Kylin host's servlet container does (Servlet 3.0 serves a WEB-INF/lib jar's
     * META-INF/resources): Tomcat's default servlet over the {@code META-INF/resources} of the jar or class folder
     * that holds the page. It lists no folder, refuses to write, answers 404 for what is not there and keeps
     * requests inside the resources; Spring Security still adds its headers (nosniff and the like).
     */
    private static void servePage(Context context) throws MalformedURLException {
        URL index = StandaloneServer.class.getClassLoader().getResource(PAGE_INDEX);
        if (index == null) {
            throw new IllegalStateException(PAGE_INDEX + " is not on the class path");
        }
        String indexUrl = index.toString();
        WebResourceRoot resources = new StandardRoot(context);
        resources.createWebResourceSet(WebResourceRoot.ResourceSetType.RESOURCE_JAR, "/",
                new URL(indexUrl.substring(0, indexUrl.length() - PAGE_INDEX.length())), RESOURCES);
        context.setResources(resources);
        Wrapper page = Tomcat.addServlet(context, "async-export-page", new DefaultServlet());
        page.addInitParameter("listings", "false");
        page.addInitParameter("readonly", "true");
        page.addInitParameter("fileEncoding", StandardCharsets.UTF_8.name());
        context.addServletMappingDecoded("/", "async-export-page");
        context.addWelcomeFile("index.html");
        // The types the page's files had before Tomcat served them, with the charset the files are written in.
        context.addMimeMapping("html", "text/html;charset=utf-8");
        context.addMimeMapping("js", "application/javascript;charset=utf-8");
        context.addMimeMapping("css", "text/css;charset=utf-8");
        context.addMimeMapping("png", "image/png");
        context.addMimeMapping("svg", "image/svg+xml");
    }

    /**
     * Tomcat's own limits on what a client can make a connection hold. A client that is slow or idle costs a
     * connection (up to maxConnections, each closed after its timeout), never a request thread for long: request
     * headers are read without a thread, a body's reads each wait at most connectionUploadTimeout (the API adds a
     * deadline for the whole body, kylin.query.async.request-body-timeout-seconds), and a body nobody reads is never
     * drained (maxSwallowSize 0 and {@link UnreadBodyValve}).
     */
    private static void boundConnections(Connector connector) {
        setProperty(connector, "connectionTimeout", "20000");       // headers of a request, once connected: 20 s
        setProperty(connector, "keepAliveTimeout", "20000");        // an idle connection between requests: 20 s
        setProperty(connector, "disableUploadTimeout", "false");
        setProperty(connector, "connectionUploadTimeout", "10000"); // each read of a request body: 10 s
        setProperty(connector, "maxSwallowSize", "0");              // never drain an unread body: close instead
        connector.setMaxPostSize(0);                                 // never parse a form body: the API reads none
        setProperty(connector, "maxHttpHeaderSize", "8192");        // request line and headers: 8 KiB
        setProperty(connector, "maxConnections", "8192");
        setProperty(connector, "acceptCount", "100");
    }

    private static void setProperty(Connector connector, String name, String value) {
        if (!connector.setProperty(name, value)) {
            throw new IllegalStateException("Tomcat's connector has no setting " + name);
        }
    }

    /** The port the server listens on (the real one when started with port 0). */
    public int port() {
        return tomcat.getConnector().getLocalPort();
    }

    @Override
    public void close() {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (Exception e) {
            LOG.warn("Tomcat did not stop cleanly", e);
        }
        deleteRecursively(baseDir);
    }

    private static void deleteRecursively(File file) {
        File[] children = file.listFiles();
        if (children != null) {
            for (File child : children) {
                deleteRecursively(child);
            }
        }
        if (!file.delete() && file.exists()) {
            LOG.debug("Could not delete {}", file);
        }
    }
}
