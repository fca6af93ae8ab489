package org.apache.kylin.rest.asyncquery.service;

import static org.apache.kylin.rest.asyncquery.service.ServiceFixture.ADMIN;
import static org.apache.kylin.rest.asyncquery.service.ServiceFixture.ANALYST;
import static org.apache.kylin.rest.asyncquery.service.ServiceFixture.MODELER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.apache.kylin.rest.asyncquery.metrics.AsyncQueryMetrics;
import org.apache.kylin.rest.asyncquery.security.DownloadLinkSigner;
import org.apache.kylin.rest.asyncquery.testing.FakeClock;
import org.apache.kylin.rest.asyncquery.vocabulary.ErrorCode;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issuing and opening download links over a real local store, with a FAKE clock for the links' time, so a test
 * says exactly when a link expires.
 */
class DownloadLinksTest {
    private static final long LIFETIME_SECONDS = 900;

    @RegisterExtension
    final ServiceFixture service = new ServiceFixture();
    final FakeClock clock = new FakeClock();
    final DownloadLinkSigner signer = new DownloadLinkSigner(new byte[32]);
    DownloadLinks links;

    @BeforeEach
    void setUp() {
        links = new DownloadLinks(service.reader, service.store, service.states, signer, LIFETIME_SECONDS, clock,
                AsyncQueryMetrics.none());
    }

    @Test
    void aLinkOpensTheResultUntilTheSecondItExpires() throws Exception {
        QueryId id = successful(ANALYST);
        DownloadLink link = links.issue(ANALYST, id);
        assertThat(link.expiresEpochSeconds()).isEqualTo(FakeClock.START_MILLIS / 1000 + LIFETIME_SECONDS);
        assertThat(link.expiresAtMillis()).isEqualTo(link.expiresEpochSeconds() * 1000);
        assertThat(read(link)).isEqualTo("1\r\n2\r\n");

        clock.setMillis(link.expiresAtMillis() - 1);
        assertThat(read(link)).isEqualTo("1\r\n2\r\n");
        clock.setMillis(link.expiresAtMillis());
        assertRefused(link.queryId(), link.expiresEpochSeconds(), link.signature(), ErrorCode.LINK_EXPIRED);
    }

    @Test
    void linksAreIssuedByTheChecksOfADownload() {
        QueryId id = successful(ANALYST);
        assertThat(links.issue(ADMIN, id).queryId()).isEqualTo(id);
        assertThatThrownBy(() -> links.issue(MODELER, id)).isInstanceOfSatisfying(AsyncQueryException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED));
        assertThatThrownBy(() -> links.issue(ANALYST, QueryId.random()))
                .isInstanceOfSatisfying(AsyncQueryException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.QUERY_NOT_FOUND));
        QueryId failed = service.submit(ANALYST, "fail");
        assertThat(service.awaitDone(ANALYST, failed).status()).isEqualTo(QueryStatus.FAILED);
        assertThatThrownBy(() -> links.issue(ANALYST, failed)).isInstanceOfSatisfying(AsyncQueryException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.QUERY_NOT_SUCCESSFUL));
    }

    @Test
    void aChangedLinkOrALinkToADeletedQueryIsInvalidAndSaysNothingMore() {
        QueryId id = successful(ANALYST);
        DownloadLink link = links.issue(ANALYST, id);
        QueryId other = successful(ANALYST);
        assertRefused(other, link.expiresEpochSeconds(), link.signature(), ErrorCode.LINK_INVALID);
        assertRefused(QueryId.random(), link.expiresEpochSeconds(), link.signature(), ErrorCode.LINK_INVALID);
        assertRefused(id, link.expiresEpochSeconds() + 3600, link.signature(), ErrorCode.LINK_INVALID);
        assertRefused(id, Long.MAX_VALUE / 1000, link.signature(), ErrorCode.LINK_INVALID);
        assertRefused(id, link.expiresEpochSeconds(), "A" + link.signature().substring(1), ErrorCode.LINK_INVALID);
        assertRefused(id, link.expiresEpochSeconds(), link.signature() + "A", ErrorCode.LINK_INVALID);
        // Expired and changed: invalid, not expired, so an expiry moved back reveals nothing either.
        clock.setMillis(link.expiresAtMillis() + 1000);
        assertRefused(id, link.expiresEpochSeconds() - 1, link.signature(), ErrorCode.LINK_INVALID);
        clock.setMillis(FakeClock.START_MILLIS);

        service.deleter.delete(ANALYST, id);
        assertRefused(id, link.expiresEpochSeconds(), link.signature(), ErrorCode.LINK_INVALID);
    }

    private QueryId successful(org.apache.kylin.rest.asyncquery.security.Requester owner) {
        QueryId id = service.submit(owner, "two-rows");
        assertThat(service.awaitDone(owner, id).status()).isEqualTo(QueryStatus.SUCCESSFUL);
        return id;
    }

    private String read(DownloadLink link) throws Exception {
        try (InputStream in = links.open(link.queryId(), link.expiresEpochSeconds(), link.signature()).open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void assertRefused(QueryId id, long expires, String signature, ErrorCode code) {
        assertThatThrownBy(() -> links.open(id, expires, signature)).isInstanceOfSatisfying(AsyncQueryException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.getMessage()).doesNotContain(id.toString());
                });
    }
}
