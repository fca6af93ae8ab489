package org.apache.kylin.rest.asyncquery.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which part of a result a {@code Range} header asks for: one range, the whole file, or nothing (416). */
class ByteRangeTest {
    private static final long LENGTH = 1000;

    @Test
    void aRangeWithBothEndsIsServedAsAsked() {
        ByteRange range = ByteRange.parse("bytes=100-199", LENGTH).orElseThrow();
        assertThat(range.first()).isEqualTo(100);
        assertThat(range.length()).isEqualTo(100);
        assertThat(range.contentRange(LENGTH)).isEqualTo("bytes 100-199/1000");
    }

    @Test
    void anOpenRangeRunsToTheEnd() {
        assertThat(ByteRange.parse("bytes=990-", LENGTH).orElseThrow().contentRange(LENGTH))
                .isEqualTo("bytes 990-999/1000");
    }

    @Test
    void aLastPositionBeyondTheEndIsCutToTheEnd() {
        assertThat(ByteRange.parse("bytes=900-5000", LENGTH).orElseThrow().contentRange(LENGTH))
                .isEqualTo("bytes 900-999/1000");
    }

    @Test
    void aSuffixRangeIsTheLastBytes() {
        assertThat(ByteRange.parse("bytes=-10", LENGTH).orElseThrow().contentRange(LENGTH))
                .isEqualTo("bytes 990-999/1000");
        assertThat(ByteRange.parse("bytes=-5000", LENGTH).orElseThrow().contentRange(LENGTH))
                .as("a suffix longer than the file is the whole file").isEqualTo("bytes 0-999/1000");
    }

    @Test
    void surroundingWhitespaceIsIgnored() {
        assertThat(ByteRange.parse("  bytes=1-2 ", LENGTH).orElseThrow().contentRange(LENGTH))
                .isEqualTo("bytes 1-2/1000");
    }

    @Test
    void noHeaderMeansTheWholeFile() {
        assertThat(ByteRange.parse(null, LENGTH)).isEmpty();
        assertThat(ByteRange.parse("", LENGTH)).isEmpty();
    }

    /** Several ranges are not served as multipart, and a header we cannot read is ignored (RFC 9110 14.2). */
    @ParameterizedTest
    @ValueSource(strings = {"bytes=0-1,5-6", "bytes=0-1, 5-6", "bytes=0-1,", "bytes=,0-1", "bytes=-", "bytes=",
            "bytes=abc", "bytes=1-x", "bytes=x-1", "bytes=+1-2", "bytes= 0-1", "bytes=0 -1", "Bytes=0-1",
            "bytes 0-1", "items=0-1", "0-1", "bytes=1-2-3", "bytes=--1"})
    void severalRangesOrAMalformedHeaderMeanTheWholeFile(String header) {
        assertThat(ByteRange.parse(header, LENGTH)).as(header).isEmpty();
    }

    @Test
    void moreRangesThanSpringAcceptsStillMeanTheWholeFile() {
        String many = "bytes=" + IntStream.range(0, 200).mapToObj(i -> i + "-" + i).collect(Collectors.joining(","));
        assertThat(ByteRange.parse(many, LENGTH)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=1000-", "bytes=1000-1000", "bytes=2000-3000", "bytes=-0", "bytes=5-2",
            "bytes=99999999999999999999-", "bytes=0-99999999999999999999", "bytes=-99999999999999999999"})
    void aRangeNoByteSatisfiesIsRefused(String header) {
        assertThatThrownBy(() -> ByteRange.parse(header, LENGTH)).as(header)
                .isInstanceOfSatisfying(ByteRange.Unsatisfiable.class, e -> assertThat(e.length()).isEqualTo(LENGTH));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=0-", "bytes=0-0", "bytes=-1"})
    void noRangeOfAnEmptyFileIsSatisfiable(String header) {
        assertThatThrownBy(() -> ByteRange.parse(header, 0)).as(header)
                .isInstanceOf(ByteRange.Unsatisfiable.class);
    }

    @Test
    void theLastByteAloneIsARange() {
        Optional<ByteRange> last = ByteRange.parse("bytes=999-999", LENGTH);
        assertThat(last.orElseThrow().contentRange(LENGTH)).isEqualTo("bytes 999-999/1000");
        assertThat(last.orElseThrow().length()).isEqualTo(1);
    }
}
