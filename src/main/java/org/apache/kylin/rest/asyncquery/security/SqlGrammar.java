package org.apache.kylin.rest.asyncquery.security;

import org.apache.kylin.rest.asyncquery.vocabulary.CancellationToken;

/**
 * Decides, with one SQL grammar, whether SQL is exactly one read-only query. The environment supplies the grammar
 * its engine runs (Calcite's parser for Kylin 4 and the standalone server); {@link ReadOnlyCheck} bounds it in time
 * and in concurrency. Implementations are thread-safe and never throw for bad SQL: they refuse it.
 */
public interface SqlGrammar {

    /** Which grammar decides, for logs and messages. */
    String name();

    /**
     * @param cancellation signalled when the check has given up on this parse; a grammar stops as soon as it can
     */
    SqlVerdict classify(String sql, CancellationToken cancellation);
}
