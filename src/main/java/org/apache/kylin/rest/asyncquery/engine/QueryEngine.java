package org.apache.kylin.rest.asyncquery.engine;

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.apache.kylin.rest.asyncquery.vocabulary.CancellationToken;

/**
 * Runs SQL for a user in a project and streams the rows with their column metadata. Implementations are
 * thread-safe; {@link #execute} blocks until the result has been fully handed to the sink.
 */
public interface QueryEngine {

    /** The projects the current user may query, for a picker; engines that cannot tell return none. */
    default List<String> projects() {
        return Collections.emptyList();
    }

    /** The project's canonical name if it exists, matching names case-insensitively as Kylin does. */
    Optional<String> resolveProject(String requestedName);

    /**
     * Checks, on the submitting request's thread, that the current user may query {@code project}.
     *
     * @throws ProjectAccessDeniedException the user may not; nothing is run or written
     */
    default void authorize(String user, String project) {
        // An engine without its own project permissions lets everyone query every project.
    }

    /**
     * Runs the query and streams every row into {@code sink}.
     *
     * @throws QueryExecutionException the engine refused or failed the query; its message is for people
     * @throws QueryCancelledException {@code cancellation} was cancelled while the query ran
     * @throws IOException the sink failed
     */
    void execute(QuerySpec spec, RowSink sink, CancellationToken cancellation) throws IOException;
}
