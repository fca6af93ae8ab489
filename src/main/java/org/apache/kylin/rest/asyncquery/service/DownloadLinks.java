package org.apache.kylin.rest.asyncquery.service;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.Optional;

import org.apache.kylin.rest.asyncquery.config.AsyncQueryConfig;
import org.apache.kylin.rest.asyncquery.metrics.AsyncQueryMetrics;
import org.apache.kylin.rest.asyncquery.security.DownloadLinkSigner;
import org.apache.kylin.rest.asyncquery.security.Requester;
import org.apache.kylin.rest.asyncquery.store.ResultStore;
import org.apache.kylin.rest.asyncquery.vocabulary.ErrorCode;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryOutcome;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryRecord;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryStatus;

/**
 * Download links: a requester who may download a result gets a signed URL for it that works without credentials
 * until it expires, on every server sharing the working directory. Whoever holds the link may download that one
 * result, so a link is issued by exactly the checks of a download, and refused once expired, changed in any part,
 * or after its query was deleted. A refusal never tells whether a query of that ID exists.
 */
public final class DownloadLinks {
    /** Servers' clocks may differ; a link further in the future than the longest lifetime plus this is forged. */
    private static final long CLOCK_SKEW_SECONDS = 24 * 3600;

    private final QueryReader reader;
    private final ResultStore store;
    private final QueryStates states;
    private final DownloadLinkSigner signer;
    private final long lifetimeSeconds;
    private final Clock clock;
    private final AsyncQueryMetrics metrics;

    public DownloadLinks(QueryReader reader, ResultStore store, QueryStates states, DownloadLinkSigner signer,
            long lifetimeSeconds, Clock clock, AsyncQueryMetrics metrics) {
        this.reader = requireNonNull(reader, "reader is null");
        this.store = requireNonNull(store, "store is null");
        this.states = requireNonNull(states, "states is null");
        this.signer = requireNonNull(signer, "signer is null");
        if (lifetimeSeconds < 1) {
            throw new IllegalArgumentException("lifetimeSeconds must be at least 1");
        }
        this.lifetimeSeconds = lifetimeSeconds;
        this.clock = requireNonNull(clock, "clock is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    /**
     * A link to the result, for a requester who may download it now (as {@link QueryReader#download}: their own
     * query or an administrator's, SUCCESSFUL, and the export switches).
     */
    public DownloadLink issue(Requester requester, QueryId id) {
        QueryRecord record = reader.downloadableRecord(requester, id);
        long expires = clock.millis() / 1000 + lifetimeSeconds;
        return new DownloadLink(id, expires, signer.sign(id, expires, record.formatOptions()));
    }

    /**
     * The result a link names, ready to stream.
     *
     * @throws AsyncQueryException LINK_INVALID when the signature is not the one for this query, expiry and the
     *     query's format options, or the query is gone; LINK_EXPIRED when a genuine link's time is up
     */
    public ResultDownload open(QueryId id, long expiresEpochSeconds, String signature) {
        long nowMillis = clock.millis();
        // No genuine link reaches this far ahead: refused before the store is asked anything.
        if (expiresEpochSeconds > nowMillis / 1000 + AsyncQueryConfig.MAX_DOWNLOAD_LINK_SECONDS + CLOCK_SKEW_SECONDS
                || signature.length() != DownloadLinkSigner.SIGNATURE_CHARS) {
            throw invalid();
        }
        Optional<QueryRecord> record = store.findRecord(id);
        if (!record.isPresent() || !signer.verify(id, expiresEpochSeconds, record.get().formatOptions(), signature)) {
            throw invalid();
        }
        if (nowMillis >= expiresEpochSeconds * 1000) {
            throw new AsyncQueryException(ErrorCode.LINK_EXPIRED, "This download link expired at "
                    + java.time.Instant.ofEpochSecond(expiresEpochSeconds) + "; ask for a new one.");
        }
        Optional<QueryOutcome> outcome = states.outcome(record.get());
        if (!outcome.isPresent() || outcome.get().status() != QueryStatus.SUCCESSFUL) {
            throw invalid();
        }
        return new ResultDownload(store.result(id, outcome.get()), record.get().formatOptions(), outcome.get(), clock,
                metrics);
    }

    /** One answer for every link that is not genuine, so that a refusal reveals nothing about the query ID. */
    public static AsyncQueryException invalid() {
        return new AsyncQueryException(ErrorCode.LINK_INVALID, "This download link is not valid: it was changed, "
                + "is incomplete, or its result was deleted.");
    }
}
