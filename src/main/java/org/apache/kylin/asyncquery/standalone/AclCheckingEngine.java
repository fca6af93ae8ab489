package org.apache.kylin.asyncquery.standalone;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.kylin.rest.asyncquery.engine.ProjectAccessDeniedException;
import org.apache.kylin.rest.asyncquery.engine.QueryEngine;
import org.apache.kylin.rest.asyncquery.engine.QuerySpec;
import org.apache.kylin.rest.asyncquery.engine.RowSink;
import org.apache.kylin.rest.asyncquery.vocabulary.CancellationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The embedded engine with the standalone server's project permissions in front of it. */
final class AclCheckingEngine implements QueryEngine, AutoCloseable {
    private final QueryEngine engine;
    private final ProjectAcl acl;

    AclCheckingEngine(QueryEngine engine, ProjectAcl acl) {
        this.engine = requireNonNull(engine, "engine is null");
        this.acl = requireNonNull(acl, "acl is null");
    }

    @Override
    public List<String> projects() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        List<String> allowed = new ArrayList<>();
        for (String project : engine.projects()) {
            if (authentication != null && acl.mayQuery(authentication, project)) {
                allowed.add(project);
            }
        }
        return allowed;
    }

    @Override
    public Optional<String> resolveProject(String requestedName) {
        return engine.resolveProject(requestedName);
    }

    @Override
    public void authorize(String user, String project) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !acl.mayQuery(authentication, project)) {
            throw new ProjectAccessDeniedException("User '" + user + "' may not query project '" + project
                    + "' (see " + ProjectAcl.FILE + ").", null);
        }
        engine.authorize(user, project);
    }

    @Override
    public void execute(QuerySpec spec, RowSink sink, CancellationToken cancellation) throws IOException {
        engine.execute(spec, sink, cancellation);
    }

    /** Closes the engine when it holds resources (Spark); Spring calls this when the server stops. */
    @Override
    public void close() throws Exception {
        if (engine instanceof AutoCloseable) {
            ((AutoCloseable) engine).close();
        }
    }
}
