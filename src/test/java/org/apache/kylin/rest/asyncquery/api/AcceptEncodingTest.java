package org.apache.kylin.rest.asyncquery.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class AcceptEncodingTest {
    private static final List<ContentCoding> BOTH = Arrays.asList(ContentCoding.ZSTD, ContentCoding.GZIP);

    @Test
    void zstdWinsATieAndTheHigherWeightWinsOtherwise() {
        assertThat(AcceptEncoding.parse("gzip, deflate, br, zstd").preferred(BOTH)).contains(ContentCoding.ZSTD);
        assertThat(AcceptEncoding.parse("zstd;q=0.5, gzip").preferred(BOTH)).contains(ContentCoding.GZIP);
        assertThat(AcceptEncoding.parse("gzip;q=0.9, zstd;q=0.901").preferred(BOTH)).contains(ContentCoding.ZSTD);
        assertThat(AcceptEncoding.parse("GZIP").preferred(BOTH)).contains(ContentCoding.GZIP);
        assertThat(AcceptEncoding.parse("x-gzip").preferred(BOTH)).contains(ContentCoding.GZIP);
    }

    @Test
    void qZeroRefusesACodingEvenWhenTheWildcardAcceptsIt() {
        assertThat(AcceptEncoding.parse("zstd;q=0, gzip").preferred(BOTH)).contains(ContentCoding.GZIP);
        assertThat(AcceptEncoding.parse("zstd; q=0.000, *").preferred(BOTH)).contains(ContentCoding.GZIP);
        assertThat(AcceptEncoding.parse("*;q=0").preferred(BOTH)).isEmpty();
        assertThat(AcceptEncoding.parse("gzip;q=0, zstd;q=0").preferred(BOTH)).isEmpty();
        assertThat(AcceptEncoding.parse("*").preferred(BOTH)).contains(ContentCoding.ZSTD);
        assertThat(AcceptEncoding.parse("*;q=0.2, gzip;q=0.5").preferred(BOTH)).contains(ContentCoding.GZIP);
    }

    @Test
    void noHeaderAnUnknownCodingOrAMalformedWeightAcceptsNothing() {
        assertThat(AcceptEncoding.parse(null).preferred(BOTH)).isEmpty();
        assertThat(AcceptEncoding.parse("").preferred(BOTH)).isEmpty();
        assertThat(AcceptEncoding.parse("identity, br").preferred(BOTH)).isEmpty();
        assertThat(AcceptEncoding.parse("zstd;q=2, gzip;q=-1, br").preferred(BOTH)).isEmpty();
        assertThat(AcceptEncoding.parse("zstd;q=abc, gzip;q=0.1234").preferred(BOTH)).isEmpty();
        assertThat(AcceptEncoding.parse(",,;;, ;q=1").preferred(BOTH)).isEmpty();
        assertThat(AcceptEncoding.parse("gzip;level=1").accepts(ContentCoding.GZIP)).isTrue();
    }
}
